package io.octoplane.octl.sdk;

/**
 * Base of every failure {@link OctoplaneClient} reports, so callers can catch one type
 * and still tell an answer from the brain ({@link OctoplaneApiException}) from no answer
 * at all ({@link OctoplaneConnectionException}).
 */
public abstract sealed class OctoplaneException extends RuntimeException
		permits OctoplaneApiException, OctoplaneConnectionException {

	OctoplaneException(String message, Throwable cause) {
		super(message, cause);
	}

	OctoplaneException(String message) {
		super(message);
	}

}
