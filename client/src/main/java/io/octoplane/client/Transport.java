package io.octoplane.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;

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
		AtomicBoolean answered = new AtomicBoolean();
		try {
			response = this.http.send(request.timeout(timeout).build(), (info) -> {
				answered.set(true);
				return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
			});
		}
		catch (IOException ex) {
			throw OctoplaneConnectionException.of(this.baseUri, ex, answered.get());
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

}
