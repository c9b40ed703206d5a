package io.octoplane.brain.node;

import java.time.Duration;
import java.time.Instant;

import io.octoplane.brain.agent.AgentProperties;
import io.octoplane.brain.agent.EdgeProperties;
import io.octoplane.brain.agent.HeartbeatPace;
import io.octoplane.protocol.api.NodeState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeStateRuleTests {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private final AgentProperties agent = new AgentProperties(0, "127.0.0.1", "agent", Duration.ofSeconds(10),
			Duration.ofSeconds(25), Duration.ofSeconds(45), Duration.ofSeconds(5), 65536, 10, Duration.ofSeconds(30),
			100, 8, 100, Duration.ofSeconds(5));

	private final EdgeProperties edge = new EdgeProperties(true, Duration.ofMinutes(10));

	private final NodeStateRule rule = new NodeStateRule(this.agent);

	@Test
	void recentHeartbeatIsOnline() {
		assertThat(this.rule.stateOf(NodeFixtures.connected("a", NOW.minusSeconds(9)), NOW))
			.isEqualTo(NodeState.ONLINE);
	}

	@Test
	void oneMissedHeartbeatIsStillOnline() {
		assertThat(this.rule.stateOf(NodeFixtures.connected("a", NOW.minusSeconds(19)), NOW))
			.isEqualTo(NodeState.ONLINE);
	}

	@Test
	void silenceBeyondUnstableAfterIsUnstable() {
		assertThat(this.rule.stateOf(NodeFixtures.connected("a", NOW.minusSeconds(30)), NOW))
			.isEqualTo(NodeState.UNSTABLE);
	}

	@Test
	void silenceBeyondOfflineAfterIsOfflineEvenIfNoBrainRecordedTheDisconnect() {
		assertThat(this.rule.stateOf(NodeFixtures.connected("a", NOW.minusSeconds(46)), NOW))
			.isEqualTo(NodeState.OFFLINE);
	}

	@Test
	void disconnectedIsOffline() {
		assertThat(this.rule.stateOf(NodeFixtures.disconnected("a", NOW), NOW)).isEqualTo(NodeState.OFFLINE);
	}

	@Test
	void nodeAtAFiveMinutePaceStaysOnlineBetweenItsHeartbeats() {
		NodePace pace = pace(300_000);
		assertThat(this.rule.stateOf(NodeFixtures.connected("a", NOW.minusSeconds(280), pace), NOW))
			.isEqualTo(NodeState.ONLINE);
		// Two missed heartbeats of its own are still only late.
		assertThat(this.rule.stateOf(NodeFixtures.connected("a", NOW.minusSeconds(700), pace), NOW))
			.isEqualTo(NodeState.ONLINE);
	}

	@Test
	void nodeAtAFiveMinutePaceTurnsUnstableAndOfflineAtItsOwnThresholds() {
		NodePace pace = pace(300_000);
		assertThat(pace.unstableAfter()).isEqualTo(Duration.ofSeconds(750));
		assertThat(pace.offlineAfter()).isEqualTo(Duration.ofSeconds(1350));
		assertThat(this.rule.stateOf(NodeFixtures.connected("a", NOW.minusSeconds(751), pace), NOW))
			.isEqualTo(NodeState.UNSTABLE);
		assertThat(this.rule.stateOf(NodeFixtures.connected("a", NOW.minusSeconds(1350), pace), NOW))
			.isEqualTo(NodeState.OFFLINE);
	}

	@Test
	void offlineThresholdIsTheConnectionsDeadLinkTimeout() {
		HeartbeatPace heartbeats = HeartbeatPace.of(this.agent, this.edge, 60_000);
		assertThat(this.rule.paceOf(heartbeats).offlineAfter()).isEqualTo(heartbeats.offlineAfter());
	}

	@Test
	void thresholdsAreNeverShorterThanTheBrainsOwn() {
		assertThat(pace(1_000)).isEqualTo(this.rule.brainPace());
		assertThat(pace(0)).isEqualTo(this.rule.brainPace());
	}

	@Test
	void nodeRegisteredWithoutAPaceIsJudgedAtTheBrainsPace() {
		assertThat(this.rule.paceOf((NodePace) null)).isEqualTo(this.rule.brainPace());
		assertThat(this.rule.brainPace().unstableAfter()).isEqualTo(Duration.ofSeconds(25));
	}

	@Test
	void stateTurnsAtTheDeadlineItself() {
		assertThat(NodeStateRule.stateAt(100, 200, 99)).isEqualTo(NodeState.ONLINE);
		assertThat(NodeStateRule.stateAt(100, 200, 100)).isEqualTo(NodeState.UNSTABLE);
		assertThat(NodeStateRule.stateAt(100, 200, 200)).isEqualTo(NodeState.OFFLINE);
		assertThat(NodeStateRule.stateAt(0, 0, 1)).isEqualTo(NodeState.OFFLINE);
	}

	private NodePace pace(long askedMillis) {
		return this.rule.paceOf(HeartbeatPace.of(this.agent, this.edge, askedMillis));
	}

}
