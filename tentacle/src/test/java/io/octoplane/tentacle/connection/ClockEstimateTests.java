package io.octoplane.tentacle.connection;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClockEstimateTests {

	@Test
	void hasNothingBeforeTheFirstExchange() {
		ClockEstimate estimate = new ClockEstimate();
		assertThat(estimate.offsetMillis()).isEmpty();
		assertThat(estimate.errorMillis()).isEmpty();
	}

	@Test
	void errorIsHalfTheRoundTripPlusTimestampResolution() {
		AtomicLong now = new AtomicLong(5_000_000_000L);
		ClockEstimate estimate = new ClockEstimate(now::get);
		estimate.update(new ClockSample(40_000, -1234));
		assertThat(estimate.offsetMillis()).hasValue(-1234);
		assertThat(estimate.errorMillis()).hasValue(20 + 1);
	}

	@Test
	void errorGrowsWithTheAgeOfTheSample() {
		AtomicLong now = new AtomicLong(0);
		ClockEstimate estimate = new ClockEstimate(now::get);
		estimate.update(new ClockSample(2_000, 10));
		now.addAndGet(100_000_000_000L);
		// 100 s at 100 ppm drift: 10 ms more.
		assertThat(estimate.errorMillis()).hasValue(1 + 10 + 1);
	}

}
