package io.octoplane.brain.config;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnection.PipeliningFlushPolicy;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Pipelines go to Redis in one write when they close. Spring Data Redis flushes each
 * pipelined command on its own by default: a pipeline of one command per node of a
 * fan-out then costs a socket write and an event-loop wake-up per node.
 */
@Configuration(proxyBeanMethods = false)
class RedisPipelining {

	@Bean
	static BeanPostProcessor redisPipelineFlushOnClose() {
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
