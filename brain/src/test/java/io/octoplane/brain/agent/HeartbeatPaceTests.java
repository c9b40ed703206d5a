package io.octoplane.brain.agent;

import java.time.Duration;

import io.octoplane.protocol.DefaultPorts;
import io.octoplane.protocol.agent.FrameCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatPaceTests {

	private final AgentProperties agent = new AgentProperties(DefaultPorts.BRAIN_AGENT, "127.0.0.1", "agent",
			Duration.ofSeconds(10), Duration.ofSeconds(25), Duration.ofSeconds(45), Duration.ofSeconds(20),
			FrameCodec.DEFAULT_MAX_FRAME_BYTES, 100, Duration.ofSeconds(30), 100, 8, 100, Duration.ofSeconds(5));

	private final EdgeProperties edge = new EdgeProperties(true, Duration.ofMinutes(10));

	@Test
	void nodeThatAsksNothingRunsAtTheBrainsPace() {
		HeartbeatPace pace = HeartbeatPace.of(this.agent, this.edge, 0);
		assertThat(pace.intervalMillis()).isEqualTo(10_000);
		assertThat(pace.offlineAfter()).isEqualTo(Duration.ofSeconds(45));
	}

	@Test
	void slowerPaceStretchesTheSilenceThresholds() {
		HeartbeatPace pace = HeartbeatPace.of(this.agent, this.edge, 60_000);
		assertThat(pace.intervalMillis()).isEqualTo(60_000);
		assertThat(pace.offlineAfter()).isEqualTo(Duration.ofSeconds(270));
		assertThat(pace.stretch(Duration.ofSeconds(25))).isEqualTo(Duration.ofSeconds(150));
	}

	@Test
	void paceIsNeverFasterThanTheBrainsNorSlowerThanItsCap() {
		assertThat(HeartbeatPace.of(this.agent, this.edge, 1_000).intervalMillis()).isEqualTo(10_000);
		assertThat(HeartbeatPace.of(this.agent, this.edge, 3_600_000).intervalMillis()).isEqualTo(600_000);
	}

}
