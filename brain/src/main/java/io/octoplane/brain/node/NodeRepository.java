package io.octoplane.brain.node;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.octoplane.brain.agent.HeartbeatPace;
import io.octoplane.brain.agent.NodePresence;
import io.octoplane.brain.history.NodeHistory;
import io.octoplane.brain.redis.SetMembers;
import io.octoplane.protocol.agent.Facts;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.protocol.selector.LabelSyntax;
import io.octoplane.server.redis.RedisKeys;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

/**
 * The node registry in Redis: a set of names ({@code octoplane:nodes}) and one hash per
 * node ({@code octoplane:node:{name}}; the braces are a Redis Cluster hash tag so a
 * node's future keys land on the same shard).
 */
@Repository
public class NodeRepository implements NodePresence {

	static final String NODES_KEY = RedisKeys.PREFIX + "nodes";

	/**
	 * Marks a node disconnected only if the connection ending is still the current one,
	 * so a stale connection closing late cannot mark a freshly reconnected node offline.
	 */
	private static final RedisScript<Long> DISCONNECT = RedisScript.of("""
			if redis.call('HGET', KEYS[1], 'session') == ARGV[1] then
			  redis.call('HSET', KEYS[1], 'connected', '0', 'disconnectedAt', ARGV[2])
			  return 1
			end
			return 0
			""", Long.class);

	/**
	 * Deletes a node only if it is still offline: a node that reconnected since the
	 * caller looked must not vanish from the registry. It touches only the node's key
	 * (Redis Cluster runs no script across slots); the index is updated after it. ARGV:
	 * now, and the offline threshold of a node that stored none (milliseconds).
	 */
	private static final RedisScript<Long> DELETE_IF_OFFLINE = RedisScript.of("""
			local connected = redis.call('HGET', KEYS[1], 'connected')
			local lastSeen = tonumber(redis.call('HGET', KEYS[1], 'lastSeen') or '0')
			local after = tonumber(redis.call('HGET', KEYS[1], 'offlineAfterMillis') or ARGV[2])
			if connected == '1' and lastSeen + after > tonumber(ARGV[1]) then return 0 end
			redis.call('DEL', KEYS[1])
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final LivenessIndex liveness;

	private final NodeDescriptionRepository descriptions;

	private final NodeHistory history;

	private final NodeStateRule rule;

	private final HeartbeatWriter heartbeats;

	NodeRepository(StringRedisTemplate redis, JsonMapper json, LivenessIndex liveness,
			NodeDescriptionRepository descriptions, NodeHistory history, NodeStateRule rule,
			HeartbeatWriter heartbeats) {
		this.redis = redis;
		this.json = json;
		this.liveness = liveness;
		this.descriptions = descriptions;
		this.history = history;
		this.rule = rule;
		this.heartbeats = heartbeats;
	}

	@EventListener(ApplicationReadyEvent.class)
	void indexLiveness() {
		this.liveness.fillIfEmpty(this::findAll, (node) -> this.rule.paceOf(node.pace()));
	}

	static String key(String name) {
		return RedisKeys.PREFIX + "node:{" + name + "}";
	}

	/**
	 * Records a new connection of a node.
	 * @param name node name from its certificate
	 * @param hello what the tentacle said about itself
	 * @param addr remote address
	 * @param sessionId id of this connection
	 * @param certificateSerial hex serial of the certificate it connected with
	 * @param gateway the gateways the connection came through, or empty
	 * @param pace the heartbeat pace the connection runs at
	 * @param now connection time
	 */
	@Override
	public void connected(String name, Hello hello, String addr, String sessionId, String certificateSerial,
			String gateway, HeartbeatPace pace, Instant now) {
		NodePace judged = this.rule.paceOf(pace);
		Map<String, String> fields = new HashMap<>();
		fields.put("name", name);
		fields.put("version", hello.agentVersion());
		fields.put("addr", addr);
		fields.put("os", hello.os());
		fields.put("arch", hello.arch());
		fields.put("hostname", hello.hostname());
		fields.put("connected", "1");
		fields.put("connectedAt", Long.toString(now.toEpochMilli()));
		fields.put("lastSeen", Long.toString(now.toEpochMilli()));
		fields.put("session", sessionId);
		fields.put("certSerial", certificateSerial);
		fields.put("gateway", gateway);
		fields.put("heartbeatMillis", Long.toString(judged.intervalMillis()));
		fields.put("unstableAfterMillis", Long.toString(judged.unstableAfter().toMillis()));
		fields.put("offlineAfterMillis", Long.toString(judged.offlineAfter().toMillis()));
		this.redis.opsForHash().putAll(key(name), fields);
		this.redis.opsForSet().add(NODES_KEY, name);
		this.liveness.connected(name, judged, now);
	}

	/**
	 * Records a heartbeat, unless a newer connection of the node replaced this one or the
	 * node was pruned. It is written with the next batch of heartbeats, within a
	 * {@link HeartbeatWriter#tick() tick}.
	 * @param name node name
	 * @param sessionId id of the connection it arrived on
	 * @param heartbeat the heartbeat
	 * @param pace the heartbeat pace the connection runs at
	 * @param now arrival time
	 */
	@Override
	public void heartbeat(String name, String sessionId, Heartbeat heartbeat, HeartbeatPace pace, Instant now) {
		this.heartbeats.note(new HeartbeatWriter.Beat(name, sessionId, now, heartbeat.rttMicros(),
				heartbeat.clockOffsetMillis(), heartbeat.status(), this.rule.paceOf(pace)));
	}

	@Override
	public void facts(String name, Facts facts, Instant now) {
		LabelSyntax.requireLabels(facts.labels());
		this.descriptions.record(name, facts, now);
	}

	/**
	 * Records the end of a connection, unless a newer connection already replaced it.
	 * @param name node name
	 * @param sessionId id of the connection that ended
	 * @param now when it ended
	 */
	@Override
	public void disconnected(String name, String sessionId, Instant now) {
		// Its last heartbeats are written first: none may land after the disconnect.
		this.heartbeats.settle(name, () -> {
			Long recorded = this.redis.execute(DISCONNECT, List.of(key(name)), sessionId,
					Long.toString(now.toEpochMilli()));
			if (recorded != null && recorded == 1) {
				this.liveness.disconnected(name);
			}
		});
	}

	/**
	 * Every registered node's state at a time, from the liveness index rather than the
	 * node hashes.
	 * @param now the time
	 * @return the states
	 */
	LivenessIndex.Liveness liveness(Instant now) {
		return this.liveness.at(now);
	}

	/**
	 * How many registered nodes are in each state at a time, from the liveness index.
	 * @param now the time
	 * @return the count of each state
	 */
	Map<NodeState, Long> counts(Instant now) {
		return this.liveness.counts(now);
	}

	/** Names of every registered node. */
	public Set<String> names() {
		Set<String> names = this.redis.opsForSet().members(NODES_KEY);
		return (names != null) ? Set.copyOf(names) : Set.of();
	}

	/**
	 * Which of some names are registered nodes.
	 * @param names the names
	 * @return those registered, in the order given
	 */
	public Set<String> registered(Collection<String> names) {
		return SetMembers.among(this.redis, NODES_KEY, names);
	}

	/** Finds a node by name. */
	public Optional<NodeRecord> find(String name) {
		Map<Object, Object> hash = this.redis.opsForHash().entries(key(name));
		return hash.isEmpty() ? Optional.empty() : Optional.of(toRecord(name, hash));
	}

	/**
	 * All known nodes, in no particular order; one pipelined round trip for the hashes.
	 */
	public List<NodeRecord> findAll() {
		Set<String> members = this.redis.opsForSet().members(NODES_KEY);
		if (members == null || members.isEmpty()) {
			return List.of();
		}
		return findAll(List.copyOf(members));
	}

	/**
	 * The named nodes that exist, in the order given; one pipelined round trip.
	 * @param names the nodes
	 * @return their records
	 */
	@SuppressWarnings("unchecked")
	public List<NodeRecord> findAll(List<String> names) {
		if (names.isEmpty()) {
			return List.of();
		}
		List<Object> hashes = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (String name : names) {
				connection.hashCommands().hGetAll(key(name).getBytes(StandardCharsets.UTF_8));
			}
			return null;
		});
		List<NodeRecord> records = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			Map<Object, Object> hash = (Map<Object, Object>) hashes.get(i);
			if (hash != null && !hash.isEmpty()) {
				records.add(toRecord(names.get(i), hash));
			}
		}
		return records;
	}

	/**
	 * Removes nodes from the registry, skipping any that is connected and not yet offline
	 * by its own pace.
	 * @param names the nodes
	 * @param now the time
	 * @return the names actually removed
	 */
	public List<String> deleteOffline(Collection<String> names, Instant now) {
		List<String> deleted = new ArrayList<>();
		String otherwise = Long.toString(this.rule.brainPace().offlineAfter().toMillis());
		for (String name : names) {
			Long removed = this.redis.execute(DELETE_IF_OFFLINE, List.of(key(name)), Long.toString(now.toEpochMilli()),
					otherwise);
			if (removed != null && removed == 1) {
				this.redis.opsForSet().remove(NODES_KEY, name);
				if (Boolean.TRUE.equals(this.redis.hasKey(key(name)))) {
					// It connected again in between: keep it listed.
					this.redis.opsForSet().add(NODES_KEY, name);
				}
				else {
					this.liveness.forget(name);
					this.descriptions.delete(name);
					this.history.forget(name);
					deleted.add(name);
				}
			}
		}
		return deleted;
	}

	private NodeRecord toRecord(String name, Map<Object, Object> hash) {
		return new NodeRecord(name, text(hash, "version"), text(hash, "addr"), text(hash, "os"), text(hash, "arch"),
				"1".equals(hash.get("connected")), instant(hash, "connectedAt"), instant(hash, "disconnectedAt"),
				instant(hash, "lastSeen"), number(hash, "rttMicros", -1), number(hash, "clockOffsetMillis", 0),
				status(hash), text(hash, "certSerial"), text(hash, "gateway"), pace(hash));
	}

	private static @Nullable NodePace pace(Map<Object, Object> hash) {
		long interval = number(hash, "heartbeatMillis", 0);
		long unstable = number(hash, "unstableAfterMillis", 0);
		long offline = number(hash, "offlineAfterMillis", 0);
		if (interval <= 0 || unstable <= 0 || offline <= unstable) {
			return null;
		}
		return new NodePace(interval, Duration.ofMillis(unstable), Duration.ofMillis(offline));
	}

	private @Nullable NodeStatus status(Map<Object, Object> hash) {
		Object value = hash.get("status");
		return (value != null) ? this.json.readValue(value.toString(), NodeStatus.class) : null;
	}

	private static String text(Map<Object, Object> hash, String field) {
		Object value = hash.get(field);
		return (value != null) ? value.toString() : "";
	}

	private static @Nullable Instant instant(Map<Object, Object> hash, String field) {
		Object value = hash.get(field);
		return (value != null) ? Instant.ofEpochMilli(Long.parseLong(value.toString())) : null;
	}

	private static long number(Map<Object, Object> hash, String field, long otherwise) {
		Object value = hash.get(field);
		return (value != null) ? Long.parseLong(value.toString()) : otherwise;
	}

}
