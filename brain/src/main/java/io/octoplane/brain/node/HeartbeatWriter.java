package io.octoplane.brain.node;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.octoplane.brain.agent.AgentProperties;
import io.octoplane.brain.history.NodeHistory;
import io.octoplane.brain.history.NodeHistory.StatusPoint;
import io.octoplane.protocol.agent.NodeStatus;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisPipelineException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Writes heartbeats to the node registry a batch at a time. A heartbeat is only noted
 * here (the latest per node); every tick one writer sends all noted ones to Redis in one
 * pipeline, a script call per node (by its SHA) that writes only if the heartbeat came on
 * the node's current connection, then moves the {@link LivenessIndex} deadlines of the
 * nodes written and records their {@link NodeHistory} points, each in one more round
 * trip. A fleet of thousands thus costs a few round trips a tick instead of one per
 * heartbeat.
 *
 * <p>
 * Every value written is the heartbeat's own (its arrival time is the node's last-seen
 * time); it only lands up to a tick later. The tick is a quarter of the brain's heartbeat
 * interval and at most a second, well inside the slack between a heartbeat and the
 * unstable threshold. A disconnect {@link #settle settles} the node first: its pending
 * heartbeat is written and no tick runs meanwhile, so no heartbeat lands after the
 * disconnect and brings the node back.
 */
@Component
class HeartbeatWriter {

	private static final Logger logger = LoggerFactory.getLogger(HeartbeatWriter.class);

	private static final Duration LONGEST_TICK = Duration.ofSeconds(1);

	/**
	 * Records a heartbeat only for the node's current connection: a replaced connection
	 * or a pruned node (no hash, so no session) writes nothing. ARGV: the session, then
	 * field and value pairs.
	 */
	private static final RedisScript<Long> HEARTBEAT = RedisScript.of("""
			if redis.call('HGET', KEYS[1], 'session') ~= ARGV[1] then return 0 end
			redis.call('HSET', KEYS[1], unpack(ARGV, 2))
			return 1
			""", Long.class);

	private static final byte[] HEARTBEAT_TEXT = bytes(HEARTBEAT.getScriptAsString());

	private static final byte[] HEARTBEAT_SHA = bytes(HEARTBEAT.getSha1());

	private static final byte[] LAST_SEEN = bytes("lastSeen");

	private static final byte[] RTT = bytes("rttMicros");

	private static final byte[] CLOCK_OFFSET = bytes("clockOffsetMillis");

	private static final byte[] STATUS = bytes("status");

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final LivenessIndex liveness;

	private final NodeHistory history;

	private final Duration tick;

	private final Map<String, Beat> pending = new ConcurrentHashMap<>();

	/** Held while a batch is written and while a node is settled. */
	private final Object writes = new Object();

	private @Nullable ScheduledExecutorService ticker;

	@Autowired
	HeartbeatWriter(StringRedisTemplate redis, JsonMapper json, LivenessIndex liveness, NodeHistory history,
			AgentProperties agent) {
		this(redis, json, liveness, history, tickFor(agent.heartbeatInterval()));
	}

	HeartbeatWriter(StringRedisTemplate redis, JsonMapper json, LivenessIndex liveness, NodeHistory history,
			Duration tick) {
		this.redis = redis;
		this.json = json;
		this.liveness = liveness;
		this.history = history;
		this.tick = tick;
	}

	/**
	 * The tick for a heartbeat interval: a quarter of it, at most a second.
	 * @param heartbeatInterval the brain's heartbeat interval
	 * @return how often noted heartbeats are written
	 */
	static Duration tickFor(Duration heartbeatInterval) {
		Duration quarter = heartbeatInterval.dividedBy(4);
		return (quarter.compareTo(LONGEST_TICK) < 0) ? quarter : LONGEST_TICK;
	}

	Duration tick() {
		return this.tick;
	}

	@EventListener(ApplicationReadyEvent.class)
	synchronized void start() {
		if (this.ticker != null) {
			return;
		}
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("heartbeat-writer").daemon(true).factory());
		long millis = Math.max(1, this.tick.toMillis());
		started.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
		this.ticker = started;
	}

	/** Stops the ticks and writes what is still noted. */
	@PreDestroy
	synchronized void stop() {
		ScheduledExecutorService started = this.ticker;
		if (started != null) {
			started.shutdownNow();
			this.ticker = null;
		}
		flush();
	}

	/**
	 * Notes a heartbeat, to be written with the next batch. Of two heartbeats of a node
	 * within one tick the later one is written, with the earlier one's status if the
	 * later one carries none.
	 * @param beat the heartbeat
	 */
	void note(Beat beat) {
		this.pending.merge(beat.name(), beat, Beat::later);
	}

	/** Writes every noted heartbeat now; the ticks call this. */
	void flush() {
		if (this.pending.isEmpty()) {
			return;
		}
		synchronized (this.writes) {
			List<Beat> batch = new ArrayList<>(this.pending.size());
			for (String name : List.copyOf(this.pending.keySet())) {
				Beat beat = this.pending.remove(name);
				if (beat != null) {
					batch.add(beat);
				}
			}
			try {
				write(batch);
			}
			catch (RuntimeException ex) {
				// Redis away for a moment: the next heartbeats write the same fields
				// again.
				logger.warn("Cannot record {} heartbeats: {}", batch.size(), ex.getMessage());
			}
		}
	}

	/**
	 * Writes a node's noted heartbeat, if any, then runs an action before any further
	 * batch is written: for a disconnect, which must come after the node's last
	 * heartbeat.
	 * @param name the node
	 * @param action what to do once its heartbeats are written
	 */
	void settle(String name, Runnable action) {
		synchronized (this.writes) {
			Beat beat = this.pending.remove(name);
			if (beat != null) {
				try {
					write(List.of(beat));
				}
				catch (RuntimeException ex) {
					logger.warn("Cannot record the last heartbeat of {}: {}", name, ex.getMessage());
				}
			}
			action.run();
		}
	}

	private void write(List<Beat> batch) {
		if (batch.isEmpty()) {
			return;
		}
		List<byte[][]> calls = new ArrayList<>(batch.size());
		for (Beat beat : batch) {
			calls.add(arguments(beat));
		}
		List<Object> recorded;
		try {
			recorded = pipeline(calls, false);
		}
		catch (RuntimeException ex) {
			if (!isNoScript(ex)) {
				throw ex;
			}
			// Redis restarted or flushed its scripts (or, in a cluster, a shard has not
			// seen it yet): once with the text loads it where it was missing. The
			// calls that had run write the same fields again.
			recorded = pipeline(calls, true);
		}
		List<StatusPoint> points = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			if (Long.valueOf(1).equals(recorded.get(i))) {
				Beat beat = batch.get(i);
				this.liveness.heard(beat.name(), beat.pace(), beat.at());
				NodeStatus status = beat.status();
				if (status != null) {
					points.add(new StatusPoint(beat.name(), status, beat.rttMicros(), beat.at()));
				}
			}
		}
		this.liveness.flush();
		this.history.record(points);
	}

	/**
	 * One script call per node in one pipeline, by the script's SHA: its text travels
	 * only when Redis does not know it.
	 */
	private List<Object> pipeline(List<byte[][]> calls, boolean withText) {
		return this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (byte[][] call : calls) {
				if (withText) {
					connection.scriptingCommands().eval(HEARTBEAT_TEXT, ReturnType.INTEGER, 1, call);
				}
				else {
					connection.scriptingCommands().evalSha(HEARTBEAT_SHA, ReturnType.INTEGER, 1, call);
				}
			}
			return null;
		});
	}

	private static boolean isNoScript(RuntimeException failure) {
		List<Throwable> seen = new ArrayList<>();
		seen.add(failure);
		if (failure instanceof RedisPipelineException pipeline) {
			for (Object result : pipeline.getPipelineResult()) {
				if (result instanceof Throwable problem) {
					seen.add(problem);
				}
			}
		}
		for (Throwable problem : seen) {
			// Bounded: a cause chain of ten is far more than Spring and Lettuce build.
			Throwable cause = problem;
			for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
				if (String.valueOf(cause.getMessage()).contains("NOSCRIPT")) {
					return true;
				}
			}
		}
		return false;
	}

	private byte[][] arguments(Beat beat) {
		NodeStatus status = beat.status();
		int count = (status != null) ? 10 : 8;
		byte[][] call = new byte[count][];
		call[0] = bytes(NodeRepository.key(beat.name()));
		call[1] = bytes(beat.sessionId());
		call[2] = LAST_SEEN;
		call[3] = bytes(Long.toString(beat.at().toEpochMilli()));
		call[4] = RTT;
		call[5] = bytes(Long.toString(beat.rttMicros()));
		call[6] = CLOCK_OFFSET;
		call[7] = bytes(Long.toString(beat.clockOffsetMillis()));
		if (status != null) {
			call[8] = STATUS;
			call[9] = this.json.writeValueAsBytes(status);
		}
		return call;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * One heartbeat to write.
	 *
	 * @param name the node
	 * @param sessionId the connection it came on
	 * @param at when it arrived, the node's last-seen time
	 * @param rttMicros the round trip the node measured, -1 before its first
	 * @param clockOffsetMillis brain clock minus node clock
	 * @param status the node's status, or {@code null} if it sent none
	 * @param pace the pace the node is judged by
	 */
	record Beat(String name, String sessionId, Instant at, long rttMicros, long clockOffsetMillis,
			@Nullable NodeStatus status, NodePace pace) {

		Beat later(Beat other) {
			Beat newer = other.at().isBefore(this.at) ? this : other;
			Beat older = (newer == this) ? other : this;
			if (newer.status() != null || older.status() == null) {
				return newer;
			}
			return new Beat(newer.name(), newer.sessionId(), newer.at(), newer.rttMicros(), newer.clockOffsetMillis(),
					older.status(), newer.pace());
		}

	}

}
