package io.octoplane.brain.job;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

import io.octoplane.protocol.api.NodeOutputEvent;
import io.octoplane.server.redis.RedisKeys;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Live events of jobs over Redis Pub/Sub, so an operator following a job on one brain
 * sees what nodes report to another. Best effort by nature: the stored job is the truth,
 * and a follower that misses events still gets the final state. Every subscription counts
 * as a follower of the job in Redis; node events are only published while a job has
 * followers that want them, and done events while it has any (see {@link JobSettler}). A
 * brain subscribes once to the channels of all jobs and hands each message to its own
 * followers of that job, so following costs no Redis subscription of its own; it also
 * receives the events of jobs followed on other brains, and drops them.
 */
@Component
class JobEvents {

	private static final Logger logger = LoggerFactory.getLogger(JobEvents.class);

	/** The name of a message that carries several node events, one per line. */
	private static final String NODES = "nodes";

	private static final byte[] NODES_PREFIX = (NODES + "\n").getBytes(StandardCharsets.UTF_8);

	private static final byte[] NODE_PREFIX = "node\n".getBytes(StandardCharsets.UTF_8);

	private final StringRedisTemplate redis;

	private final RedisMessageListenerContainer listeners;

	private final JsonMapper json;

	private final JobRepository repository;

	/** Followers on this brain, by job. */
	private final Map<String, List<Local>> local = new ConcurrentHashMap<>();

	private final Object subscribing = new Object();

	private volatile boolean subscribed;

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
	 * Follows all of a job's events until the subscription is closed, one at a time.
	 * @param jobId the job
	 * @param consumer receives the event name and its JSON data
	 * @return the subscription
	 */
	Subscription subscribe(String jobId, BiConsumer<String, String> consumer) {
		return subscribe(jobId, true, (event, data) -> data.forEach((one) -> consumer.accept(event, one)));
	}

	/**
	 * Follows a job's events until the subscription is closed, in batches: the node
	 * events of one settle step come together, so a follower can pass them on at once.
	 * @param jobId the job
	 * @param nodes whether node events are wanted; without them only {@code output} and
	 * {@code done} come, and settle steps of the job build no node events for this
	 * follower
	 * @param listener receives the events
	 * @return the subscription
	 */
	Subscription subscribe(String jobId, boolean nodes, Listener listener) {
		// Counted before subscribing, so a change made after the follower reads the
		// job's state is published; see JobSettler.
		this.repository.follow(jobId, 1, !nodes);
		try {
			return listen(jobId, nodes, listener);
		}
		catch (RuntimeException ex) {
			this.repository.follow(jobId, -1, !nodes);
			throw ex;
		}
	}

	/**
	 * Follows the events of a job that is about to be stored, as
	 * {@link #subscribe(String, boolean, Listener)} does. The follower is not counted
	 * here, since a count made before the job exists is not kept: the caller stores the
	 * job with {@link JobRepository#create(JobSpec, Map, JobRepository.Follower)}, and
	 * closing the subscription counts it out.
	 * @param jobId the job about to be stored
	 * @param nodes whether node events are wanted
	 * @param listener receives the events
	 * @return the subscription
	 */
	Subscription subscribeBeforeCreate(String jobId, boolean nodes, Listener listener) {
		return listen(jobId, nodes, listener);
	}

	private Subscription listen(String jobId, boolean nodes, Listener listener) {
		subscribeOnce();
		// One thread per follower keeps the order in which messages arrive while a
		// follower that writes to a slow client waits alone.
		Local follower = new Local(nodes, listener,
				Executors.newSingleThreadExecutor(Thread.ofVirtual().name("job-follower").factory()));
		this.local.compute(jobId, (id, here) -> {
			List<Local> followers = (here != null) ? here : new CopyOnWriteArrayList<>();
			followers.add(follower);
			return followers;
		});
		return () -> {
			this.local.computeIfPresent(jobId, (id, here) -> {
				here.remove(follower);
				return here.isEmpty() ? null : here;
			});
			follower.delivery().shutdown();
			this.repository.follow(jobId, -1, !nodes);
		};
	}

	/**
	 * Subscribes this brain to the events of every job, once: a follower then costs a map
	 * entry instead of a subscription and its round trip to Redis each. Events of jobs
	 * nobody follows here are dropped on arrival; only followed jobs publish any.
	 */
	private void subscribeOnce() {
		if (this.subscribed) {
			return;
		}
		synchronized (this.subscribing) {
			if (!this.subscribed) {
				this.listeners.addMessageListener(this::dispatch, new PatternTopic(channel("*")));
				this.subscribed = true;
			}
		}
	}

	private void dispatch(Message message, byte @Nullable [] pattern) {
		String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
		int open = channel.indexOf('{');
		int close = channel.lastIndexOf('}');
		if (open < 0 || close <= open) {
			return;
		}
		List<Local> followers = this.local.get(channel.substring(open + 1, close));
		if (followers == null) {
			return;
		}
		byte[] body = message.getBody();
		boolean nodeEvents = isNodes(body);
		for (Local follower : followers) {
			if (nodeEvents && !follower.nodes()) {
				// Published for another follower of the job.
				continue;
			}
			try {
				follower.delivery()
					.execute(() -> deliver(new String(body, StandardCharsets.UTF_8), follower.listener()));
			}
			catch (RejectedExecutionException ex) {
				// Closed meanwhile: the follower is gone.
			}
		}
	}

	/** A follower on this brain: what it wants, and the thread its events go out on. */
	private record Local(boolean nodes, Listener listener, ExecutorService delivery) {
	}

	private static boolean isNodes(byte[] body) {
		// Node events of older brains come one per message, named "node".
		return startsWith(body, NODES_PREFIX) || startsWith(body, NODE_PREFIX);
	}

	private static boolean startsWith(byte[] body, byte[] prefix) {
		return body.length >= prefix.length && Arrays.equals(body, 0, prefix.length, prefix, 0, prefix.length);
	}

	private static void deliver(String body, Listener listener) {
		int newline = body.indexOf('\n');
		if (body.startsWith(NODES + "\n")) {
			// JSON escapes line breaks inside strings, so each line is one event.
			listener.events("node", body.substring(newline + 1).lines().toList());
		}
		else if (newline > 0) {
			listener.events(body.substring(0, newline), List.of(body.substring(newline + 1)));
		}
	}

	/** Receives a job's events. */
	@FunctionalInterface
	interface Listener {

		/**
		 * Events of one kind, in order.
		 * @param event the event name: {@code node}, {@code output} or {@code done}
		 * @param data each event's JSON data
		 */
		void events(String event, List<String> data);

	}

	/** A live subscription; closing it stops the events. */
	interface Subscription extends AutoCloseable {

		@Override
		void close();

	}

}
