package io.octoplane.brain.job;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeOutputEvent;
import io.octoplane.server.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Live events of jobs over Redis Pub/Sub, so an operator following a job on one brain
 * sees what nodes report to another. Best effort by nature: the stored job is the truth,
 * and a follower that misses events still gets the final state.
 */
@Component
class JobEvents {

	private static final Logger logger = LoggerFactory.getLogger(JobEvents.class);

	private final StringRedisTemplate redis;

	private final RedisMessageListenerContainer listeners;

	private final JsonMapper json;

	private final JobMetrics metrics;

	JobEvents(StringRedisTemplate redis, RedisMessageListenerContainer listeners, JsonMapper json, JobMetrics metrics) {
		this.redis = redis;
		this.listeners = listeners;
		this.json = json;
		this.metrics = metrics;
	}

	private static String channel(String jobId) {
		return RedisKeys.PREFIX + "job-events:{" + jobId + "}";
	}

	/**
	 * Tells followers that a node of a job changed state. Every applied transition passes
	 * here exactly once, on the brain that made it, which is why outcomes are counted
	 * here.
	 */
	void node(String jobId, NodeCommandResult result) {
		this.metrics.outcome(DeliveryState.of(result.state()));
		publish(jobId, "node", result);
	}

	void output(String jobId, NodeOutputEvent output) {
		publish(jobId, "output", output);
	}

	void done(String jobId, JobResponse job) {
		publish(jobId, "done", job);
	}

	private void publish(String jobId, String event, Object data) {
		try {
			this.redis.convertAndSend(channel(jobId), event + "\n" + this.json.writeValueAsString(data));
		}
		catch (RuntimeException ex) {
			// Followers fall back to the stored state; a lost event loses nothing else.
			logger.debug("Cannot publish {} event of job {}: {}", event, jobId, ex.getMessage());
		}
	}

	/**
	 * Follows a job's events until the subscription is closed.
	 * @param jobId the job
	 * @param consumer receives the event name and its JSON data
	 * @return the subscription
	 */
	Subscription subscribe(String jobId, BiConsumer<String, String> consumer) {
		ChannelTopic topic = new ChannelTopic(channel(jobId));
		org.springframework.data.redis.connection.MessageListener listener = (message, pattern) -> {
			String body = new String(message.getBody(), StandardCharsets.UTF_8);
			int newline = body.indexOf('\n');
			if (newline > 0) {
				consumer.accept(body.substring(0, newline), body.substring(newline + 1));
			}
		};
		this.listeners.addMessageListener(listener, topic);
		return () -> this.listeners.removeMessageListener(listener, topic);
	}

	/** A live subscription; closing it stops the events. */
	interface Subscription extends AutoCloseable {

		@Override
		void close();

	}

}
