package io.octoplane.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicReference;

import io.octoplane.protocol.ApiPaths;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way every part of the SDK talks to the brain: builds requests against the base
 * URI with the workgroup header and credentials, sends them with a deadline, reads the
 * JSON answer, and turns error answers and transport failures into the SDK's exceptions.
 * {@link OctoplaneClient} and each of its sub-APIs hold the same transport.
 *
 * @param baseUri the brain's base URI
 * @param http the JDK HTTP client, with its TLS context and connection pool
 * @param authentication how every request proves who calls
 * @param requestTimeout the deadline of a call unless it names its own
 * @param workgroup the workgroup every call acts in, or {@code null} for the caller's own
 * @param mapper reads and writes the wire records
 */
record Transport(URI baseUri, HttpClient http, ClientAuthentication authentication, Duration requestTimeout,
		@Nullable String workgroup, JsonMapper mapper) {

	/** How long the look that tells a refusal from a brain gone away may take. */
	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

	/** Methods that change nothing when sent twice (RFC 9110, section 9.2.2). */
	private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

	@Override
	public String toString() {
		return "baseUri=" + this.baseUri + ", authentication=" + this.authentication
				+ ((this.workgroup != null) ? ", workgroup=" + this.workgroup : "");
	}

	/** Sends a request whose successful answer has no body. */
	void sendNoContent(HttpRequest.Builder request) {
		exchange(request, this.requestTimeout);
	}

	/** A value made safe for one path segment. */
	static String segment(String value) {
		if (value.isBlank()) {
			throw new IllegalArgumentException("a path segment must not be blank");
		}
		// Path segments must not turn spaces into '+' as form encoding does.
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** A query parameter, encoded. */
	static String param(String name, String value) {
		return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * The query of one page of a cursor-paged listing.
	 * @throws IllegalArgumentException if the limit is not between 1 and {@code max}
	 */
	static StringJoiner pageQuery(int limit, int max, @Nullable String cursor) {
		if (limit < 1 || limit > max) {
			throw new IllegalArgumentException("limit must be between 1 and " + max);
		}
		StringJoiner query = new StringJoiner("&").add("limit=" + limit);
		if (cursor != null) {
			query.add(param("cursor", cursor));
		}
		return query;
	}

	static String jobPath(String template, String id) {
		if (id.isBlank()) {
			throw new IllegalArgumentException("job id must not be blank");
		}
		// Path segments must not turn spaces into '+' as form encoding does.
		String segment = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
		return template.replace("{id}", segment);
	}

	HttpRequest.Builder request(String path, StringJoiner query) {
		String suffix = (query.length() > 0) ? "?" + query : "";
		HttpRequest.Builder request = HttpRequest.newBuilder(this.baseUri.resolve(path + suffix))
			.header("Accept", "application/json, application/problem+json");
		if (this.workgroup != null) {
			request.header(ApiPaths.WORKGROUP_HEADER, this.workgroup);
		}
		this.authentication.apply(request);
		return request;
	}

	<T> T send(HttpRequest.Builder request, Duration timeout, Class<T> type) {
		HttpResponse<String> response = exchange(request, timeout);
		try {
			return this.mapper.readValue(response.body(), type);
		}
		catch (JacksonException ex) {
			throw ProblemResponses.unreadable(response, ex);
		}
	}

	/** Sends a request; a non-2xx answer becomes the matching exception. */
	HttpResponse<String> exchange(HttpRequest.Builder request, Duration timeout) {
		HttpResponse<String> response;
		AtomicReference<HttpResponse.@Nullable ResponseInfo> answered = new AtomicReference<>();
		HttpRequest sent = request.timeout(timeout).build();
		try {
			response = this.http.send(sent, (info) -> {
				answered.set(info);
				return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
			});
		}
		catch (IOException ex) {
			throw failure(sent, ex, answered.get());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw OctoplaneConnectionException.interrupted(this.baseUri, ex);
		}
		if (response.statusCode() / 100 != 2) {
			throw ProblemResponses.toException(response, this.mapper);
		}
		return response;
	}

	/**
	 * Describes a call that got no answer. A connection closed before any answer is
	 * either the brain refusing the client certificate (under TLS 1.3 it does so after
	 * the client considers the handshake done) or the brain going away mid-call, as when
	 * it is killed behind a balancer; one look at the brain's info tells them apart, so
	 * the operator is not sent to check certificates that are fine.
	 */
	OctoplaneConnectionException failure(HttpRequest sent, IOException failure,
			HttpResponse.@Nullable ResponseInfo answer) {
		boolean changes = !IDEMPOTENT.contains(sent.method());
		if (answer != null && answer.statusCode() / 100 == 2 && changes) {
			// The brain said yes before the connection broke: it did act.
			return OctoplaneConnectionException.acceptedThenBroken(this.baseUri, failure, answer.statusCode(),
					answer.headers().firstValue("Location").orElse(null));
		}
		OctoplaneConnectionException described = OctoplaneConnectionException.of(this.baseUri, failure, answer != null);
		if (!described.closedWithoutAnswer()) {
			return described;
		}
		HttpRequest probe = request(ApiPaths.INFO, new StringJoiner("&")).timeout(PROBE_TIMEOUT).GET().build();
		try {
			this.http.send(probe, HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			// Refused or timed out too: the brain went away. Closed unanswered again,
			// or a TLS alert: it refuses the certificate.
			if (OctoplaneConnectionException.of(this.baseUri, ex).reason() == OctoplaneConnectionException.Reason.TLS) {
				return described;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return described;
		}
		return OctoplaneConnectionException.brokenOff(this.baseUri, failure, changes);
	}

}
