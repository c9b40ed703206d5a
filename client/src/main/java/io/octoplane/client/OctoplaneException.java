package io.octoplane.client;

/**
 * Base of every failure {@link OctoplaneClient} reports, so callers can catch one type
 * and still tell an answer from the brain ({@link OctoplaneApiException}) from no answer
 * at all ({@link OctoplaneConnectionException}) from a job that outlived the wait
 * ({@link JobTimeoutException}).
 */
public abstract sealed class OctoplaneException extends RuntimeException
		permits OctoplaneApiException, OctoplaneConnectionException, JobTimeoutException {

	OctoplaneException(String message, Throwable cause) {
		super(message, cause);
	}

	OctoplaneException(String message) {
		super(message);
	}

}
