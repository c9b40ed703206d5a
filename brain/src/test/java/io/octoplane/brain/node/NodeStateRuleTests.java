package io.octoplane.brain.node;

import java.time.Duration;
import java.time.Instant;

import io.octoplane.brain.agent.AgentProperties;
import io.octoplane.protocol.api.NodeState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeStateRuleTests {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private final NodeStateRule rule = new NodeStateRule(new AgentProperties(0, "127.0.0.1", "agent",
			Duration.ofSeconds(10), Duration.ofSeconds(25), Duration.ofSeconds(45), Duration.ofSeconds(5), 65536, 10,
			Duration.ofSeconds(30), 100, 8, 100, Duration.ofSeconds(5)));

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

}
