package io.octoplane.tentacle.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClockSampleTests {

	@Test
	void roundTripExcludesTheTimeTheBrainHeldTheHeartbeat() {
		// t1=1000, brain received at 1060 and answered at 1070, answer back after 100 ms.
		ClockSample sample = ClockSample.of(1000, 1060, 1070, 100_000_000L);
		assertThat(sample.rttMicros()).isEqualTo(90_000);
	}

	@Test
	void offsetIsBrainClockMinusTentacleClock() {
		// Symmetric 45 ms legs; the brain's clock is 15 ms ahead: t2 = 1000 + 45 + 15.
		ClockSample sample = ClockSample.of(1000, 1060, 1070, 100_000_000L);
		assertThat(sample.offsetMillis()).isEqualTo(15);
	}

	@Test
	void brainBehindGivesNegativeOffset() {
		ClockSample sample = ClockSample.of(5000, 4010, 4010, 20_000_000L);
		assertThat(sample.offsetMillis()).isEqualTo(-1000);
		assertThat(sample.rttMicros()).isEqualTo(20_000);
	}

	@Test
	void roundTripIsNeverNegative() {
		ClockSample sample = ClockSample.of(1000, 1000, 1050, 10_000_000L);
		assertThat(sample.rttMicros()).isZero();
	}

}
