package io.octoplane.brain.node;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import io.octoplane.protocol.api.NodeState;
import io.octoplane.server.redis.RedisKeys;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisZSetCommands.ZAddArgs;
import org.springframework.data.redis.connection.zset.DefaultTuple;
import org.springframework.data.redis.connection.zset.Tuple;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * When each registered node turns unstable and when it turns offline, in two sorted sets
 * ({@code octoplane:nodes:{liveness}:unstable-at} and {@code ...:offline-at}; member the
 * node, score the epoch millisecond at which its silence reaches that threshold of its
 * own {@link NodePace}). A disconnected node stays in both with score 0, offline since
 * ever. So the fleet's count by state is two {@code ZCOUNT}s, and a listing learns every
 * node's state from the few nodes past a deadline, without reading every node. A node
 * whose brain died keeps its last deadlines and so turns offline by age, as the state
 * rule says.
 *
 * <p>
 * Heartbeats are not written one by one: the latest deadlines of each node are kept here
 * and written with each batch of the {@link HeartbeatWriter}, in one {@code ZADD XX GT}
 * per set, which never re-adds a pruned node nor moves a deadline back. Deadlines thus
 * lag up to a tick of that writer behind the heartbeats, against thresholds of several
 * heartbeat intervals. A disconnect waits for a write in flight, so no heartbeat written
 * after it brings a disconnected node back.
 */
@Component
class LivenessIndex {

	static final String UNSTABLE_KEY = RedisKeys.PREFIX + "nodes:{liveness}:unstable-at";

	static final String OFFLINE_KEY = RedisKeys.PREFIX + "nodes:{liveness}:offline-at";

	private static final Logger logger = LoggerFactory.getLogger(LivenessIndex.class);

	private static final byte[] UNSTABLE = UNSTABLE_KEY.getBytes(StandardCharsets.UTF_8);

	private static final byte[] OFFLINE = OFFLINE_KEY.getBytes(StandardCharsets.UTF_8);

	private static final byte[] NODES = NodeRepository.NODES_KEY.getBytes(StandardCharsets.UTF_8);

	private final StringRedisTemplate redis;

	private final Map<String, Deadlines> pending = new ConcurrentHashMap<>();

	/** Held while heartbeats are written and while a disconnect is. */
	private final Object writes = new Object();

	LivenessIndex(StringRedisTemplate redis) {
		this.redis = redis;
	}

	void connected(String name, NodePace pace, Instant now) {
		Deadlines deadlines = Deadlines.of(pace, now);
		write(name, deadlines.unstableAt(), deadlines.offlineAt(), ZAddArgs.empty());
	}

	void heard(String name, NodePace pace, Instant now) {
		this.pending.merge(name, Deadlines.of(pace, now), Deadlines::max);
	}

	void disconnected(String name) {
		synchronized (this.writes) {
			this.pending.remove(name);
			write(name, 0, 0, ZAddArgs.ifExists());
		}
	}

	void forget(String name) {
		this.pending.remove(name);
		this.redis.opsForZSet().remove(UNSTABLE_KEY, name);
		this.redis.opsForZSet().remove(OFFLINE_KEY, name);
	}

	private void write(String name, long unstableAt, long offlineAt, ZAddArgs args) {
		byte[] member = name.getBytes(StandardCharsets.UTF_8);
		this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			connection.zSetCommands().zAdd(UNSTABLE, Set.of(new DefaultTuple(member, (double) unstableAt)), args);
			connection.zSetCommands().zAdd(OFFLINE, Set.of(new DefaultTuple(member, (double) offlineAt)), args);
			return null;
		});
	}

	/**
	 * Every node's state at a time, read from the nodes past a deadline only (two
	 * {@code ZRANGEBYSCORE}s, O(log n + late)) and two cardinalities. Only when the
	 * registry holds nodes the index lacks (written by an older brain) are the members
	 * read as well.
	 * @param now the time
	 * @return the states
	 */
	@SuppressWarnings("unchecked")
	Liveness at(Instant now) {
		double until = now.toEpochMilli();
		List<Object> answers = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			connection.zSetCommands().zRangeByScore(UNSTABLE, Double.NEGATIVE_INFINITY, until);
			connection.zSetCommands().zRangeByScore(OFFLINE, Double.NEGATIVE_INFINITY, until);
			connection.zSetCommands().zCard(OFFLINE);
			connection.setCommands().sCard(NODES);
			return null;
		});
		Set<String> late = strings(answers.get(0));
		Set<String> offline = strings(answers.get(1));
		Set<String> indexed = null;
		if (number(answers.get(2)) < number(answers.get(3))) {
			Set<String> members = this.redis.opsForZSet().range(OFFLINE_KEY, 0, -1);
			indexed = (members != null) ? members : Set.of();
		}
		return new Liveness(late, offline, indexed);
	}

	/**
	 * How many registered nodes are in each state at a time: two {@code ZCOUNT}s and a
	 * {@code SCARD}, O(log n) whatever the fleet's size. A registered node the index
	 * lacks counts as offline.
	 * @param now the time
	 * @return the count of each state
	 */
	Map<NodeState, Long> counts(Instant now) {
		double after = Math.nextUp((double) now.toEpochMilli());
		List<Object> answers = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			connection.zSetCommands().zCount(UNSTABLE, after, Double.POSITIVE_INFINITY);
			connection.zSetCommands().zCount(OFFLINE, after, Double.POSITIVE_INFINITY);
			connection.setCommands().sCard(NODES);
			return null;
		});
		long online = number(answers.get(0));
		long live = Math.max(online, number(answers.get(1)));
		long total = Math.max(live, number(answers.get(2)));
		Map<NodeState, Long> counts = new EnumMap<>(NodeState.class);
		counts.put(NodeState.ONLINE, online);
		counts.put(NodeState.UNSTABLE, live - online);
		counts.put(NodeState.OFFLINE, total - live);
		return counts;
	}

	/** Writes the deadlines of the heartbeats heard since the last call. */
	void flush() {
		if (this.pending.isEmpty()) {
			return;
		}
		synchronized (this.writes) {
			Set<Tuple> unstable = new HashSet<>();
			Set<Tuple> offline = new HashSet<>();
			for (String name : Set.copyOf(this.pending.keySet())) {
				Deadlines deadlines = this.pending.remove(name);
				if (deadlines != null) {
					byte[] member = name.getBytes(StandardCharsets.UTF_8);
					unstable.add(new DefaultTuple(member, (double) deadlines.unstableAt()));
					offline.add(new DefaultTuple(member, (double) deadlines.offlineAt()));
				}
			}
			if (unstable.isEmpty()) {
				return;
			}
			try {
				this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
					connection.zSetCommands().zAdd(UNSTABLE, unstable, ZAddArgs.ifExists().gt());
					connection.zSetCommands().zAdd(OFFLINE, offline, ZAddArgs.ifExists().gt());
					return null;
				});
			}
			catch (RuntimeException ex) {
				// Redis away for a moment: the next heartbeats refresh these deadlines.
				logger.debug("Cannot write {} heartbeat times: {}", unstable.size(), ex.getMessage());
			}
		}
	}

	/**
	 * Fills the index from the node hashes when it is empty: the first start of a brain
	 * that keeps it, on a registry written by one that did not.
	 * @param nodes reads every node's record
	 * @param paces the pace to judge a node by
	 */
	void fillIfEmpty(Supplier<List<NodeRecord>> nodes, Function<NodeRecord, NodePace> paces) {
		try {
			Long indexed = this.redis.opsForZSet().zCard(OFFLINE_KEY);
			if (indexed != null && indexed > 0) {
				return;
			}
			for (NodeRecord node : nodes.get()) {
				Instant lastSeen = node.lastSeen();
				Deadlines deadlines = (node.connected() && lastSeen != null) ? Deadlines.of(paces.apply(node), lastSeen)
						: new Deadlines(0, 0);
				write(node.name(), deadlines.unstableAt(), deadlines.offlineAt(), ZAddArgs.ifNotExists());
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot fill the node liveness index: {}", ex.getMessage());
		}
	}

	private static Set<String> strings(Object answer) {
		Set<String> names = new HashSet<>();
		if (answer instanceof Iterable<?> members) {
			members.forEach((member) -> names.add(String.valueOf(member)));
		}
		return names;
	}

	private static long number(Object answer) {
		return (answer instanceof Number value) ? value.longValue() : 0;
	}

	/** When a node turns unstable and offline, epoch milliseconds. */
	private record Deadlines(long unstableAt, long offlineAt) {

		static Deadlines of(NodePace pace, Instant lastSeen) {
			return new Deadlines(pace.unstableAt(lastSeen), pace.offlineAt(lastSeen));
		}

		Deadlines max(Deadlines other) {
			return new Deadlines(Math.max(this.unstableAt, other.unstableAt),
					Math.max(this.offlineAt, other.offlineAt));
		}

	}

	/**
	 * Every node's state at one time, from the index.
	 *
	 * @param late nodes whose unstable deadline has passed (the offline ones included)
	 * @param offline nodes whose offline deadline has passed
	 * @param indexed every node in the index, or {@code null} when it holds every
	 * registered node
	 */
	record Liveness(Set<String> late, Set<String> offline, @Nullable Set<String> indexed) {

		/**
		 * The state of a registered node.
		 * @param name the node
		 * @return its state; offline for a node the index lacks
		 */
		NodeState stateOf(String name) {
			if (this.offline.contains(name) || (this.indexed != null && !this.indexed.contains(name))) {
				return NodeState.OFFLINE;
			}
			return this.late.contains(name) ? NodeState.UNSTABLE : NodeState.ONLINE;
		}

	}

}
