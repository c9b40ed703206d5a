package io.octoplane.client;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.octoplane.protocol.ErrorCode;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an error answer of the brain into an {@link OctoplaneApiException}: an RFC 9457
 * problem document when there is one, otherwise a description of what came back.
 */
final class ProblemResponses {

	private static final int EXCERPT_LENGTH = 200;

	private ProblemResponses() {
	}

	static OctoplaneApiException toException(HttpResponse<String> response, JsonMapper mapper) {
		return toException(response.statusCode(), response.headers(), response.body(), mapper);
	}

	static OctoplaneApiException toException(int status, HttpHeaders headers, String body, JsonMapper mapper) {
		String contentType = headers.firstValue("Content-Type").orElse("");
		JsonNode problem = parseObject(body, mapper);
		if (problem != null && (contentType.startsWith("application/problem+json") || problem.has("code"))) {
			String slug = text(problem, "code");
			ErrorCode code = (slug != null) ? ErrorCode.fromSlug(slug).orElse(null) : null;
			String title = text(problem, "title");
			return new OctoplaneApiException(code, slug, status, (title != null) ? title : "HTTP " + status,
					text(problem, "detail"), retryAfter(headers));
		}
		String description = contentType.isEmpty() ? "no content type" : contentType;
		return new OctoplaneApiException(null, null, status, "HTTP " + status + " without a problem document",
				"the brain (or a proxy in front of it) answered with " + description + ": " + excerpt(body),
				retryAfter(headers));
	}

	/**
	 * Reads {@code Retry-After}: delay seconds, or an HTTP date (RFC 9110, section
	 * 10.2.3).
	 */
	static @Nullable Duration retryAfter(HttpHeaders headers) {
		String value = headers.firstValue("Retry-After").map(String::strip).orElse("");
		if (value.isEmpty()) {
			return null;
		}
		try {
			long seconds = Long.parseLong(value);
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			// Not seconds; try the date form below.
		}
		try {
			Duration wait = Duration.between(Instant.now(),
					ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			return wait.isNegative() ? Duration.ZERO : wait.withNanos(0);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	static OctoplaneApiException unreadable(HttpResponse<String> response, JacksonException failure) {
		return unreadable(response.statusCode(), failure);
	}

	static OctoplaneApiException unreadable(int status, JacksonException failure) {
		return new OctoplaneApiException(null, null, status, "Unreadable answer from the brain",
				"the body does not match the expected record (is the brain a different version?): "
						+ failure.getOriginalMessage());
	}

	private static @Nullable JsonNode parseObject(String body, JsonMapper mapper) {
		if (body.isBlank()) {
			return null;
		}
		try {
			JsonNode node = mapper.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String text(JsonNode problem, String member) {
		JsonNode value = problem.get(member);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static String excerpt(String body) {
		String flat = body.strip().replaceAll("\\s+", " ");
		if (flat.isEmpty()) {
			return "(empty body)";
		}
		return (flat.length() <= EXCERPT_LENGTH) ? flat : flat.substring(0, EXCERPT_LENGTH) + "...";
	}

}
