package io.octoplane.brain.node;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.octoplane.brain.redis.RedisTemplateExtension;
import io.octoplane.protocol.api.NodeState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class LivenessIndexTests {

	@RegisterExtension
	static final RedisTemplateExtension redis = new RedisTemplateExtension();

	private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

	/**
	 * The brain's own pace in these tests: 10 s, unstable after 25 s, offline after 45.
	 */
	private static final NodePace BRAIN = new NodePace(10_000, Duration.ofSeconds(25), Duration.ofSeconds(45));

	/** A node that asked for a heartbeat every 100 s. */
	private static final NodePace SLOW = new NodePace(100_000, Duration.ofSeconds(250), Duration.ofSeconds(450));

	private LivenessIndex index;

	@BeforeEach
	void connect() {
		redis.flush();
		this.index = new LivenessIndex(redis.template());
	}

	@Test
	void eachNodeTurnsUnstableAndOfflineAtItsOwnPace() {
		register("fast", BRAIN, T0);
		register("slow", SLOW, T0);
		assertThat(stateAt("fast", T0.plusSeconds(30))).isEqualTo(NodeState.UNSTABLE);
		assertThat(stateAt("slow", T0.plusSeconds(30))).isEqualTo(NodeState.ONLINE);
		assertThat(stateAt("fast", T0.plusSeconds(45))).isEqualTo(NodeState.OFFLINE);
		assertThat(stateAt("slow", T0.plusSeconds(249))).isEqualTo(NodeState.ONLINE);
		assertThat(stateAt("slow", T0.plusSeconds(250))).isEqualTo(NodeState.UNSTABLE);
		assertThat(stateAt("slow", T0.plusSeconds(450))).isEqualTo(NodeState.OFFLINE);
		assertThat(this.index.counts(T0.plusSeconds(30))).containsEntry(NodeState.ONLINE, 1L)
			.containsEntry(NodeState.UNSTABLE, 1L)
			.containsEntry(NodeState.OFFLINE, 0L);
		assertThat(this.index.counts(T0.plusSeconds(100))).containsEntry(NodeState.ONLINE, 1L)
			.containsEntry(NodeState.UNSTABLE, 0L)
			.containsEntry(NodeState.OFFLINE, 1L);
	}

	@Test
	void heartbeatsMoveTheDeadlinesOnceWritten() {
		register("beat", BRAIN, T0);
		this.index.heard("beat", BRAIN, T0.plusSeconds(20));
		assertThat(stateAt("beat", T0.plusSeconds(30))).as("not written yet").isEqualTo(NodeState.UNSTABLE);
		this.index.flush();
		assertThat(stateAt("beat", T0.plusSeconds(30))).isEqualTo(NodeState.ONLINE);
		this.index.heard("beat", BRAIN, T0.plusSeconds(5));
		this.index.flush();
		assertThat(stateAt("beat", T0.plusSeconds(30))).as("an older beat moves nothing back")
			.isEqualTo(NodeState.ONLINE);
	}

	@Test
	void disconnectedNodeIsOfflineAtOnceAndALateHeartbeatDoesNotReviveIt() {
		register("gone", SLOW, T0);
		this.index.heard("gone", SLOW, T0.plusSeconds(1));
		this.index.disconnected("gone");
		this.index.flush();
		assertThat(stateAt("gone", T0.plusSeconds(2))).isEqualTo(NodeState.OFFLINE);
		assertThat(this.index.counts(T0.plusSeconds(2))).containsEntry(NodeState.OFFLINE, 1L);
	}

	@Test
	void prunedNodeIsNotBroughtBackByAHeartbeatWrittenLate() {
		register("pruned", BRAIN, T0);
		this.index.heard("pruned", BRAIN, T0.plusSeconds(1));
		this.index.forget("pruned");
		redis.template().opsForSet().remove(NodeRepository.NODES_KEY, "pruned");
		this.index.heard("pruned", BRAIN, T0.plusSeconds(2));
		this.index.flush();
		assertThat(redis.template().opsForZSet().zCard(LivenessIndex.OFFLINE_KEY)).isZero();
		assertThat(this.index.counts(T0)).containsEntry(NodeState.OFFLINE, 0L).containsEntry(NodeState.ONLINE, 0L);
	}

	@Test
	void registeredNodeTheIndexLacksCountsAsOffline() {
		register("known", BRAIN, T0);
		redis.template().opsForSet().add(NodeRepository.NODES_KEY, "unindexed");
		assertThat(stateAt("unindexed", T0)).isEqualTo(NodeState.OFFLINE);
		assertThat(stateAt("known", T0)).isEqualTo(NodeState.ONLINE);
		assertThat(this.index.counts(T0)).containsEntry(NodeState.ONLINE, 1L).containsEntry(NodeState.OFFLINE, 1L);
	}

	@Test
	void emptyIndexIsFilledFromTheNodeRecordsWithTheirOwnPaces() {
		NodeRecord slow = NodeFixtures.connected("rec-slow", T0, SLOW);
		NodeRecord old = NodeFixtures.connected("rec-old", T0);
		NodeRecord down = NodeFixtures.disconnected("rec-down", T0);
		redis.template().opsForSet().add(NodeRepository.NODES_KEY, "rec-slow", "rec-old", "rec-down");
		this.index.fillIfEmpty(() -> List.of(slow, old, down), (node) -> (node.pace() != null) ? node.pace() : BRAIN);
		assertThat(stateAt("rec-slow", T0.plusSeconds(100))).isEqualTo(NodeState.ONLINE);
		assertThat(stateAt("rec-old", T0.plusSeconds(30))).isEqualTo(NodeState.UNSTABLE);
		assertThat(stateAt("rec-down", T0)).isEqualTo(NodeState.OFFLINE);
	}

	private void register(String name, NodePace pace, Instant at) {
		redis.template().opsForSet().add(NodeRepository.NODES_KEY, name);
		this.index.connected(name, pace, at);
	}

	private NodeState stateAt(String name, Instant now) {
		return this.index.at(now).stateOf(name);
	}

}
