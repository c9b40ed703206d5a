package io.octoplane.brain.job;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

import io.octoplane.protocol.api.NodeOutputEvent;
import io.octoplane.server.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Live events of jobs over Redis Pub/Sub, so an operator following a job on one brain
 * sees what nodes report to another. Best effort by nature: the stored job is the truth,
 * and a follower that misses events still gets the final state. Every subscription counts
 * as a follower of the job in Redis; node and done events are only published while a job
 * has followers (see {@link JobSettler}).
 */
@Component
class JobEvents {

	private static final Logger logger = LoggerFactory.getLogger(JobEvents.class);

	/** The name of a message that carries several node events, one per line. */
	private static final String NODES = "nodes";

	private final StringRedisTemplate redis;

	private final RedisMessageListenerContainer listeners;

	private final JsonMapper json;

	private final JobRepository repository;

	JobEvents(StringRedisTemplate redis, RedisMessageListenerContainer listeners, JsonMapper json,
			JobRepository repository) {
		this.redis = redis;
		this.listeners = listeners;
		this.json = json;
		this.repository = repository;
	}

	static String channel(String jobId) {
		return RedisKeys.PREFIX + "job-events:{" + jobId + "}";
	}

	/**
	 * An event as the job's channel carries it.
	 * @param event the event name: {@code node}, {@code output} or {@code done}
	 * @param data the event's data, as JSON
	 * @return the message
	 */
	String message(String event, Object data) {
		return event + "\n" + this.json.writeValueAsString(data);
	}

	/**
	 * The node events of one settle step as one message: a batch of thousands of nodes
	 * costs one publish. Followers receive them as one {@code node} event each.
	 * @param applied the nodes and their new states
	 * @return the message
	 */
	String nodes(Map<String, Delivery> applied) {
		StringBuilder message = new StringBuilder(NODES);
		applied.forEach((node, delivery) -> message.append('\n')
			.append(this.json.writeValueAsString(JobViews.result(node, delivery))));
		return message.toString();
	}

	void output(String jobId, NodeOutputEvent output) {
		try {
			this.redis.convertAndSend(channel(jobId), message("output", output));
		}
		catch (RuntimeException ex) {
			// Followers fall back to the stored state; a lost event loses nothing else.
			logger.debug("Cannot publish output of job {}: {}", jobId, ex.getMessage());
		}
	}

	/**
	 * Follows a job's events until the subscription is closed.
	 * @param jobId the job
	 * @param consumer receives the event name and its JSON data
	 * @return the subscription
	 */
	Subscription subscribe(String jobId, BiConsumer<String, String> consumer) {
		// Counted before subscribing, so a change made after the follower reads the
		// job's state is published; see JobSettler.
		this.repository.follow(jobId, 1);
		ChannelTopic topic = new ChannelTopic(channel(jobId));
		// Messages arrive in order (JobEventListeners); one thread per follower keeps
		// that
		// order while a follower that writes to a slow client waits alone.
		ExecutorService delivery = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("job-follower").factory());
		MessageListener listener = (message, pattern) -> {
			String body = new String(message.getBody(), StandardCharsets.UTF_8);
			try {
				delivery.execute(() -> deliver(body, consumer));
			}
			catch (RejectedExecutionException ex) {
				// Closed meanwhile: the follower is gone.
			}
		};
		try {
			this.listeners.addMessageListener(listener, topic);
		}
		catch (RuntimeException ex) {
			delivery.shutdownNow();
			this.repository.follow(jobId, -1);
			throw ex;
		}
		return () -> {
			this.listeners.removeMessageListener(listener, topic);
			delivery.shutdown();
			this.repository.follow(jobId, -1);
		};
	}

	private static void deliver(String body, BiConsumer<String, String> consumer) {
		int newline = body.indexOf('\n');
		if (body.startsWith(NODES + "\n")) {
			// JSON escapes line breaks inside strings, so each line is one event.
			body.substring(newline + 1).lines().forEach((line) -> consumer.accept("node", line));
		}
		else if (newline > 0) {
			consumer.accept(body.substring(0, newline), body.substring(newline + 1));
		}
	}

	/** A live subscription; closing it stops the events. */
	interface Subscription extends AutoCloseable {

		@Override
		void close();

	}

}
