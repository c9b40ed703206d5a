package io.octoplane.tentacle.connection;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.HeartbeatAck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatClockTests {

	private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1000), ZoneOffset.UTC);

	@Test
	void firstHeartbeatHasNoRoundTripYet() {
		Heartbeat first = new HeartbeatClock(this.clock, 200).next(null, 0);
		assertThat(first.seq()).isZero();
		assertThat(first.sentAtMillis()).isEqualTo(1000);
		assertThat(first.rttMicros()).isEqualTo(-1);
		assertThat(first.clockOffsetMillis()).isZero();
	}

	@Test
	void nextHeartbeatReportsTheLastAcknowledgedExchange() {
		HeartbeatClock heartbeats = new HeartbeatClock(this.clock, 200);
		heartbeats.next(null, 0);
		long interval = heartbeats.acknowledged(new HeartbeatAck(0, 1000, 1060, 1070, 500), 100_000_000L);
		Heartbeat second = heartbeats.next(null, 200_000_000L);
		assertThat(interval).isEqualTo(500);
		assertThat(heartbeats.intervalMillis()).isEqualTo(500);
		assertThat(second.seq()).isEqualTo(1);
		assertThat(second.rttMicros()).isEqualTo(90_000);
		assertThat(second.clockOffsetMillis()).isEqualTo(15);
	}

	@Test
	void staleAcknowledgementIsNotTimed() {
		HeartbeatClock heartbeats = new HeartbeatClock(this.clock, 200);
		heartbeats.next(null, 0);
		heartbeats.next(null, 10);
		heartbeats.acknowledged(new HeartbeatAck(0, 1000, 1060, 1070, 200), 100_000_000L);
		assertThat(heartbeats.next(null, 20).rttMicros()).isEqualTo(-1);
	}

}
