package io.octoplane.protocol.http;

import java.net.URI;
import java.util.Objects;

/**
 * The command text of an {@code http-get} command: a URL the node fetches from its own
 * network (a device's status page, a local exporter), which the brain cannot reach.
 *
 * @param url an {@code http} or {@code https} URL
 * @param maxBodyBytes the most bytes of the body kept; the rest is dropped and the result
 * marked truncated; positive
 * @param timeoutMillis how long connecting and reading may take together, milliseconds;
 * positive
 */
public record HttpGetSpec(String url, int maxBodyBytes, long timeoutMillis) {

	/** Body cap when the caller names none: a status page, not a download. */
	public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;

	public HttpGetSpec {
		Objects.requireNonNull(url, "url must not be null");
		String scheme = URI.create(url).getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
			throw new IllegalArgumentException("url must be an http or https URL");
		}
		if (maxBodyBytes <= 0) {
			throw new IllegalArgumentException("maxBodyBytes must be positive");
		}
		if (timeoutMillis <= 0) {
			throw new IllegalArgumentException("timeoutMillis must be positive");
		}
	}

}
