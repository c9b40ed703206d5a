package io.octoplane.brain.redis;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnection.PipeliningFlushPolicy;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Sends a pipeline's commands to Redis in one write when it closes, instead of one write
 * and flush per command as Lettuce does by default: a batch of a thousand heartbeats or a
 * page of a thousand node hashes is then one system call and one event-loop task, not a
 * thousand. A pipeline runs on a connection of its own, so holding its commands back
 * until it closes delays no other caller.
 */
@Configuration(proxyBeanMethods = false)
class RedisPipelining {

	@Bean
	static BeanPostProcessor pipelinesFlushOnClose() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof LettuceConnectionFactory factory) {
					factory.setPipeliningFlushPolicy(PipeliningFlushPolicy.flushOnClose());
				}
				return bean;
			}

		};
	}

}
