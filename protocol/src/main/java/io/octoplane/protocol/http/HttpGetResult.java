package io.octoplane.protocol.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a node answers to an {@code http-get} command, as JSON on the result's stdout.
 *
 * @param status the HTTP status code
 * @param headers the response headers, names in lower case, values in the order received
 * @param body the body decoded as UTF-8 (malformed bytes replaced), at most the asked-for
 * cap in bytes
 * @param bodyTruncated whether the body was longer than the cap
 */
public record HttpGetResult(int status, Map<String, List<String>> headers, String body, boolean bodyTruncated) {

	public HttpGetResult {
		headers = Map.copyOf(Objects.requireNonNull(headers, "headers must not be null"));
		Objects.requireNonNull(body, "body must not be null");
	}

}
