package io.octoplane.brain.security;

import java.time.Duration;

import io.octoplane.testsupport.clock.MutableClock;
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

}
