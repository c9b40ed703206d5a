package io.octoplane.brain.job;

import java.util.concurrent.Executors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The Pub/Sub listener container of job events. Spring Boot's own hands each message to a
 * thread of its own, so a job's "done" could overtake the node events published just
 * before it; here one thread hands messages on in the order Redis sent them, and each
 * subscription delivers them on its own thread (see {@link JobEvents}), so a slow
 * follower holds up nobody else.
 */
@Configuration(proxyBeanMethods = false)
class JobEventListeners {

	@Bean
	RedisMessageListenerContainer redisMessageListenerContainer(RedisConnectionFactory connections) {
		return ordered(connections);
	}

	/**
	 * A container that dispatches messages one at a time, in arrival order.
	 * @param connections the Redis connections
	 * @return the container, not yet started
	 */
	static RedisMessageListenerContainer ordered(RedisConnectionFactory connections) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		container.setTaskExecutor(
				Executors.newSingleThreadExecutor(Thread.ofPlatform().name("job-events").daemon().factory()));
		return container;
	}

}
