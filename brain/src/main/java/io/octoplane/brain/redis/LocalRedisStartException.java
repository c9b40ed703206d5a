package io.octoplane.brain.redis;

import org.jspecify.annotations.Nullable;

/** The brain was asked to run its own Redis and could not. */
public class LocalRedisStartException extends RuntimeException {

	public LocalRedisStartException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
