package io.octoplane.brain.node;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.octoplane.server.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisZSetCommands.ZAddArgs;
import org.springframework.data.redis.connection.zset.DefaultTuple;
import org.springframework.data.redis.connection.zset.Tuple;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When each connected node was last heard from, in one sorted set
 * ({@code octoplane:nodes:seen}, member the node, score its last frame in epoch
 * milliseconds). A node is in it from its connection until its disconnect, so a listing
 * counts and filters nodes by state from this one key instead of reading every node's
 * hash. A node whose brain died stays in it with an ageing score and so turns offline by
 * age, as the state rule says.
 *
 * <p>
 * Heartbeats are not written one by one: the latest of each node is kept here and written
 * once a second in one {@code ZADD XX GT}, which never re-adds a node that disconnected
 * meanwhile nor moves a score back. Scores thus lag up to a second behind the hashes,
 * against thresholds of tens of seconds.
 */
@Component
class LivenessIndex {

	static final String SEEN_KEY = RedisKeys.PREFIX + "nodes:seen";

	private static final Logger logger = LoggerFactory.getLogger(LivenessIndex.class);

	private static final byte[] SEEN = SEEN_KEY.getBytes(StandardCharsets.UTF_8);

	private final StringRedisTemplate redis;

	private final Map<String, Long> pending = new ConcurrentHashMap<>();

	LivenessIndex(StringRedisTemplate redis) {
		this.redis = redis;
	}

	void connected(String name, Instant now) {
		this.redis.opsForZSet().add(SEEN_KEY, name, now.toEpochMilli());
	}

	void heard(String name, Instant now) {
		this.pending.merge(name, now.toEpochMilli(), Math::max);
	}

	void gone(String name) {
		this.pending.remove(name);
		this.redis.opsForZSet().remove(SEEN_KEY, name);
	}

	/** Last frame of every node that holds a connection, by name. */
	Map<String, Long> lastSeen() {
		Set<TypedTuple<String>> tuples = this.redis.opsForZSet().rangeWithScores(SEEN_KEY, 0, -1);
		Map<String, Long> seen = new HashMap<>();
		if (tuples != null) {
			for (TypedTuple<String> tuple : tuples) {
				if (tuple.getValue() != null && tuple.getScore() != null) {
					seen.put(tuple.getValue(), tuple.getScore().longValue());
				}
			}
		}
		return seen;
	}

	@Scheduled(fixedDelayString = "PT1S", initialDelayString = "PT1S")
	void flush() {
		if (this.pending.isEmpty()) {
			return;
		}
		Set<Tuple> batch = new HashSet<>();
		for (String name : Set.copyOf(this.pending.keySet())) {
			Long millis = this.pending.remove(name);
			if (millis != null) {
				batch.add(new DefaultTuple(name.getBytes(StandardCharsets.UTF_8), millis.doubleValue()));
			}
		}
		try {
			this.redis.execute((RedisCallback<Long>) (connection) -> connection.zSetCommands()
				.zAdd(SEEN, batch, ZAddArgs.ifExists().gt()));
		}
		catch (RuntimeException ex) {
			// Redis away for a moment: the next heartbeats refresh these scores.
			logger.debug("Cannot write {} heartbeat times: {}", batch.size(), ex.getMessage());
		}
	}

	/**
	 * Fills the index from the node hashes when it is empty: the first start of a brain
	 * that keeps it, on a registry written by one that did not.
	 * @param nodes reads every node's record
	 */
	void fillIfEmpty(Supplier<List<NodeRecord>> nodes) {
		try {
			Long indexed = this.redis.opsForZSet().zCard(SEEN_KEY);
			if (indexed != null && indexed > 0) {
				return;
			}
			for (NodeRecord node : nodes.get()) {
				Instant lastSeen = node.lastSeen();
				if (node.connected() && lastSeen != null) {
					this.redis.opsForZSet().addIfAbsent(SEEN_KEY, node.name(), lastSeen.toEpochMilli());
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot fill the node liveness index: {}", ex.getMessage());
		}
	}

}
