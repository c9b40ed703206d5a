package io.octoplane.brain.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.octoplane.brain.history.HistoryRange;
import io.octoplane.brain.history.NodeHistory;
import io.octoplane.brain.redis.RedisTemplateExtension;
import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.api.NodeHistoryPoint;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.testsupport.clock.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.RedisCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heartbeats written in batches against a real redis-server: each lands with its own
 * arrival time, only for the node's current connection, and never after the node's
 * disconnect.
 */
class HeartbeatWriterTests {

	@RegisterExtension
	static final RedisTemplateExtension redis = new RedisTemplateExtension();

	/** 10 s heartbeats, unstable after 25 s, offline after 45 s. */
	private static final NodePace PACE = new NodePace(10_000, Duration.ofSeconds(25), Duration.ofSeconds(45));

	private static final JsonMapper json = JsonMapper.builder().build();

	private final MutableClock clock = new MutableClock();

	private LivenessIndex liveness;

	private NodeHistory history;

	private HeartbeatWriter writer;

	@BeforeEach
	void connect() {
		redis.flush();
		this.liveness = new LivenessIndex(redis.template());
		this.history = new NodeHistory(redis.template(), this.clock);
		this.writer = new HeartbeatWriter(redis.template(), json, this.liveness, this.history, Duration.ofSeconds(1));
	}

	@Test
	void aNotedHeartbeatLandsWithTheNextBatchWithItsOwnArrivalTime() {
		Instant connectedAt = this.clock.instant();
		register("n1", "s1", connectedAt);
		this.clock.advance(Duration.ofSeconds(20));
		Instant heard = this.clock.instant();
		NodeStatus status = status(heard);
		this.writer.note(beat("n1", "s1", heard, status));
		this.clock.advance(Duration.ofMillis(900));
		assertThat(field("n1", "lastSeen")).as("not written yet").isEqualTo(millis(connectedAt));
		this.writer.flush();
		assertThat(field("n1", "lastSeen")).isEqualTo(millis(heard));
		assertThat(field("n1", "rttMicros")).isEqualTo("850");
		assertThat(field("n1", "clockOffsetMillis")).isEqualTo("-3");
		assertThat(json.readValue(field("n1", "status"), NodeStatus.class)).isEqualTo(status);
		assertThat(stateAt("n1", connectedAt.plusSeconds(30))).as("deadlines moved with it")
			.isEqualTo(NodeState.ONLINE);
		assertThat(this.history.read("n1", HistoryRange.parse("1h")).points()).extracting(NodeHistoryPoint::cpuLoad)
			.contains(0.5);
	}

	@Test
	void heartbeatsLandAfterRedisForgotItsScripts() {
		Instant connectedAt = this.clock.instant();
		register("n5", "s1", connectedAt);
		this.writer.note(beat("n5", "s1", connectedAt.plusSeconds(1), null));
		this.writer.flush();
		redis.template().execute((RedisCallback<Object>) (connection) -> {
			connection.scriptingCommands().scriptFlush();
			return null;
		});
		Instant heard = connectedAt.plusSeconds(11);
		this.writer.note(beat("n5", "s1", heard, null));
		this.writer.flush();
		assertThat(field("n5", "lastSeen")).isEqualTo(millis(heard));
	}

	@Test
	void aHeartbeatOfAReplacedConnectionWritesNothing() {
		Instant connectedAt = this.clock.instant();
		register("n2", "new-session", connectedAt);
		this.writer.note(beat("n2", "old-session", connectedAt.plusSeconds(20), null));
		this.writer.flush();
		assertThat(field("n2", "lastSeen")).isEqualTo(millis(connectedAt));
		assertThat(stateAt("n2", connectedAt.plusSeconds(30))).isEqualTo(NodeState.UNSTABLE);
	}

	@Test
	void aHeartbeatOfAPrunedNodeDoesNotBringItBack() {
		this.writer.note(beat("gone", "s1", this.clock.instant(), status(this.clock.instant())));
		this.writer.flush();
		assertThat(redis.template().hasKey(NodeRepository.key("gone"))).isFalse();
		assertThat(redis.template().opsForZSet().zCard(LivenessIndex.OFFLINE_KEY)).isZero();
	}

	@Test
	void ofTwoHeartbeatsInOneTickTheLaterLandsKeepingTheEarlierStatus() {
		Instant connectedAt = this.clock.instant();
		register("n3", "s1", connectedAt);
		NodeStatus status = status(connectedAt);
		Instant first = connectedAt.plusSeconds(1);
		Instant second = connectedAt.plusSeconds(2);
		this.writer.note(beat("n3", "s1", second, null));
		this.writer.note(beat("n3", "s1", first, status));
		this.writer.flush();
		assertThat(field("n3", "lastSeen")).isEqualTo(millis(second));
		assertThat(json.readValue(field("n3", "status"), NodeStatus.class)).isEqualTo(status);
	}

	@Test
	void aDisconnectComesAfterTheLastHeartbeatAndNoBatchRevivesTheNode() {
		Instant connectedAt = this.clock.instant();
		register("n4", "s1", connectedAt);
		Instant heard = connectedAt.plusSeconds(5);
		this.writer.note(beat("n4", "s1", heard, null));
		StringBuilder seenAtDisconnect = new StringBuilder();
		this.writer.settle("n4", () -> {
			seenAtDisconnect.append(field("n4", "lastSeen"));
			redis.template().opsForHash().put(NodeRepository.key("n4"), "connected", "0");
			this.liveness.disconnected("n4");
		});
		this.writer.flush();
		assertThat(seenAtDisconnect).hasToString(millis(heard));
		assertThat(stateAt("n4", heard)).isEqualTo(NodeState.OFFLINE);
	}

	@Test
	void theTickIsAQuarterOfTheHeartbeatIntervalAndAtMostASecond() {
		assertThat(HeartbeatWriter.tickFor(Duration.ofMillis(200))).isEqualTo(Duration.ofMillis(50));
		assertThat(HeartbeatWriter.tickFor(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(500));
		assertThat(HeartbeatWriter.tickFor(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(1));
	}

	private void register(String name, String session, Instant at) {
		redis.template()
			.opsForHash()
			.putAll(NodeRepository.key(name),
					Map.of("name", name, "session", session, "connected", "1", "lastSeen", millis(at)));
		redis.template().opsForSet().add(NodeRepository.NODES_KEY, name);
		this.liveness.connected(name, PACE, at);
	}

	private static HeartbeatWriter.Beat beat(String name, String session, Instant at, @Nullable NodeStatus status) {
		return new HeartbeatWriter.Beat(name, session, at, 850, -3, status, PACE);
	}

	private static NodeStatus status(Instant at) {
		return new NodeStatus(4, 0.5, 0.4, 0.3, 1L << 30, 4L << 30, 10L << 30, 100L << 30, 3600, at.toEpochMilli());
	}

	private String field(String name, String field) {
		Object value = redis.template().opsForHash().get(NodeRepository.key(name), field);
		return String.valueOf(value);
	}

	private NodeState stateAt(String name, Instant now) {
		return this.liveness.at(now).stateOf(name);
	}

	private static String millis(Instant at) {
		return Long.toString(at.toEpochMilli());
	}

}
