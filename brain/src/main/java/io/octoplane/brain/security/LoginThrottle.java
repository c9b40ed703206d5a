package io.octoplane.brain.security;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.octoplane.brain.metrics.RefusalReason;
import io.octoplane.brain.metrics.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Failed logins per source address, shared by the API (Basic, bearer, enrollment) and the
 * console's login form: past the allowance an address is answered 429 without its
 * credentials even being checked, so passwords cannot be guessed at speed by switching
 * doors. Also counts failures by credential kind.
 */
@Component
class LoginThrottle {

	private static final Logger logger = LoggerFactory.getLogger(LoginThrottle.class);

	private final RateLimiter failedLogins;

	private final Refusals refusals;

	private final MeterRegistry registry;

	LoginThrottle(SecurityProperties properties, Clock clock, Refusals refusals, MeterRegistry registry,
			StringRedisTemplate redis) {
		this.failedLogins = new RateLimiter("failed-logins", properties.failedLoginsPerMinute() / 60.0,
				properties.failedLoginsPerMinute(), clock, redis);
		this.refusals = refusals;
		this.registry = registry;
		for (String method : new String[] { "basic", "token", "certificate", "none", "other", "enrollment", "form" }) {
			failures(method);
		}
	}

	/**
	 * The seconds a source must wait before it may try credentials again; counts the
	 * refusal when it must.
	 * @param source the caller's address
	 * @return 0 if it may try now
	 */
	long waitFor(String source) {
		long wait = this.failedLogins.peek(source);
		if (wait > 0) {
			this.refusals.count(RefusalReason.LOGIN_THROTTLE);
		}
		return wait;
	}

	/**
	 * Records a failed login.
	 * @param method the credential kind, a metric tag
	 * @param who the workgroup or credential kind tried, for the log; never a secret
	 * @param source the caller's address
	 */
	void failed(String method, String who, String source) {
		failures(method).increment();
		this.failedLogins.acquire(source);
		logger.warn("Failed login ({}) from {}", who, source);
	}

	/**
	 * Counts a failure that does not use up the source's allowance (no credentials, a
	 * certificate of the wrong role).
	 * @param method the credential kind, a metric tag
	 */
	void refused(String method) {
		failures(method).increment();
	}

	private Counter failures(String method) {
		return Counter.builder("octoplane.auth.failures")
			.description("Failed authentications on the REST API, by credential kind")
			.tag("method", method)
			.register(this.registry);
	}

}
