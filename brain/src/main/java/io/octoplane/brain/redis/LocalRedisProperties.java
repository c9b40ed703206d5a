package io.octoplane.brain.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When and how the brain runs its own redis-server. Only consulted when neither
 * {@code spring.data.redis.host} nor {@code spring.data.redis.url} is set: a configured
 * Redis is always used as it is.
 *
 * @param mode {@code auto}: use a Redis answering on 127.0.0.1:{@code port}, else start
 * one; {@code always}: start one even if something answers (it then needs a free port);
 * {@code never}: use 127.0.0.1:{@code port} and fail if it does not answer
 * @param port loopback port of the local Redis
 * @param binary path of the redis-server binary; empty means the first
 * {@code redis-server} on the PATH or in the usual system folders, and only when there is
 * none the old copy bundled with the brain, with a warning (see
 * {@link RedisBinaryLocator})
 * @param startTimeout how long to wait for a started redis-server to answer PING
 */
@ConfigurationProperties("octoplane.redis.local")
public record LocalRedisProperties(@DefaultValue("auto") Mode mode, @DefaultValue("6379") int port,
		@DefaultValue("") String binary, @DefaultValue("15s") Duration startTimeout) {

	/** Whether the brain may start a redis-server. */
	public enum Mode {

		/** Start one only when none answers. */
		AUTO,

		/** Always start one. */
		ALWAYS,

		/** Never start one. */
		NEVER

	}

}
