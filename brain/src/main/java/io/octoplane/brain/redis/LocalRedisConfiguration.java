package io.octoplane.brain.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.octoplane.brain.config.BrainProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives a newcomer a working Redis without setup: when no Redis is configured, use the
 * one answering on loopback, else start a redis-server child process that lives and dies
 * with the brain.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.data.redis.host:}' == '' and '${spring.data.redis.url:}' == ''"
		+ " and '${spring.data.redis.port:}' == '' and '${spring.data.redis.sentinel.master:}' == ''"
		+ " and '${spring.data.redis.cluster.nodes:}' == ''")
class LocalRedisConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(LocalRedisConfiguration.class);

	@Bean(destroyMethod = "close")
	LocalRedis localRedis(LocalRedisProperties properties, BrainProperties brain) {
		int port = properties.port();
		boolean answering = RedisPing.answers("127.0.0.1", port, Duration.ofSeconds(1));
		boolean start = switch (properties.mode()) {
			case NEVER -> false;
			case AUTO -> !answering;
			case ALWAYS -> true;
		};
		Path redisDir = brain.dataDir().resolve("redis");
		if (!start) {
			if (answering) {
				logger.info("Using the Redis answering on 127.0.0.1:{}", port);
			}
			// A Redis this brain started before (and that outlived it) still wants the
			// password it was given; a foreign one without a password ignores none.
			return new LocalRedis(port, LocalRedisPassword.find(redisDir).orElse(null), null);
		}
		Optional<Path> binary = properties.binary().isBlank() ? Optional.empty()
				: Optional.of(Path.of(properties.binary()));
		String password = LocalRedisPassword.findOrCreate(redisDir);
		LocalRedisServer server = LocalRedisServer.start(binary, port, redisDir, password, properties.startTimeout());
		return new LocalRedis(port, password, server);
	}

	@Bean
	DataRedisConnectionDetails localRedisConnectionDetails(LocalRedis localRedis) {
		DataRedisConnectionDetails.Standalone standalone = DataRedisConnectionDetails.Standalone.of("127.0.0.1",
				localRedis.port());
		return new DataRedisConnectionDetails() {
			@Override
			public Standalone getStandalone() {
				return standalone;
			}

			@Override
			public @Nullable String getPassword() {
				return localRedis.password();
			}
		};
	}

}
