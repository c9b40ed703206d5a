package io.octoplane.brain.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

	private final MutableClock clock = new MutableClock();

	@Test
	void burstIsAllowedThenTheRateApplies() {
		RateLimiter limiter = new RateLimiter(1, 3, this.clock);
		assertThat(limiter.acquire("a")).isZero();
		assertThat(limiter.acquire("a")).isZero();
		assertThat(limiter.acquire("a")).isZero();
		assertThat(limiter.acquire("a")).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(limiter.acquire("a")).isZero();
	}

	@Test
	void keysAreIndependent() {
		RateLimiter limiter = new RateLimiter(1, 1, this.clock);
		assertThat(limiter.acquire("a")).isZero();
		assertThat(limiter.acquire("a")).isPositive();
		assertThat(limiter.acquire("b")).isZero();
	}

	@Test
	void peekDoesNotTake() {
		RateLimiter limiter = new RateLimiter(1, 1, this.clock);
		assertThat(limiter.peek("a")).isZero();
		assertThat(limiter.peek("a")).isZero();
		assertThat(limiter.acquire("a")).isZero();
		assertThat(limiter.peek("a")).isPositive();
	}

	/** A clock the test moves by hand. */
	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-22T12:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
