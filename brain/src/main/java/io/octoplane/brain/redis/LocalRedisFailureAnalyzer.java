package io.octoplane.brain.redis;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Tells an operator what to do when the brain cannot start its own Redis. */
class LocalRedisFailureAnalyzer extends AbstractFailureAnalyzer<LocalRedisStartException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LocalRedisStartException cause) {
		return new FailureAnalysis("The brain found no Redis and could not start one: " + cause.getMessage(),
				"Install Redis (apt-get install redis-server), or point the brain at one with "
						+ "spring.data.redis.host/port (or spring.data.redis.url), or set "
						+ "octoplane.redis.local.binary to a redis-server binary.",
				cause);
	}

}
