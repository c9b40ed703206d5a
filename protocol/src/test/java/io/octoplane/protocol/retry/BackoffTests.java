package io.octoplane.protocol.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTests {

	private static final Duration INITIAL = Duration.ofSeconds(1);

	private static final Duration MAX = Duration.ofSeconds(60);

	@Test
	void delaysStayWithinInitialAndMax() {
		Backoff backoff = new Backoff(INITIAL, MAX, new SplittableRandom(42));
		for (int i = 0; i < 1000; i++) {
			assertThat(backoff.next()).isBetween(INITIAL, MAX);
		}
	}

	@Test
	void delaysGrowAtMostThreefoldPerAttempt() {
		Backoff backoff = new Backoff(INITIAL, MAX, new SplittableRandom(7));
		Duration previous = INITIAL;
		for (int i = 0; i < 50; i++) {
			Duration next = backoff.next();
			assertThat(next).isLessThanOrEqualTo(previous.multipliedBy(3));
			previous = next;
		}
	}

	@Test
	void delaysReachTheMaxRangeAfterRepeatedFailures() {
		Backoff backoff = new Backoff(INITIAL, MAX, new SplittableRandom(1));
		List<Duration> delays = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			delays.add(backoff.next());
		}
		assertThat(delays.subList(20, 40))
			.anySatisfy((delay) -> assertThat(delay).isGreaterThan(Duration.ofSeconds(20)));
	}

	@Test
	void jitterSpreadsTentaclesThatFailedTogether() {
		Backoff one = new Backoff(INITIAL, MAX, new SplittableRandom(1));
		Backoff two = new Backoff(INITIAL, MAX, new SplittableRandom(2));
		one.next();
		two.next();
		assertThat(one.next()).isNotEqualTo(two.next());
	}

	@Test
	void eachDelayLiesBetweenInitialAndThreeTimesThePreviousOne() {
		Backoff backoff = new Backoff(INITIAL, MAX, new SplittableRandom(11));
		Duration previous = INITIAL;
		Duration shortest = MAX;
		Duration longest = Duration.ZERO;
		for (int i = 0; i < 200; i++) {
			Duration next = backoff.next();
			assertThat(next).isBetween(INITIAL, min(MAX, previous.multipliedBy(3)));
			shortest = min(shortest, next);
			longest = (next.compareTo(longest) > 0) ? next : longest;
			previous = next;
		}
		// The range is used, not just its ends: a fleet spreads over it.
		assertThat(shortest).isLessThan(Duration.ofSeconds(3));
		assertThat(longest).isGreaterThan(Duration.ofSeconds(50));
	}

	@Test
	void aSubMillisecondInitialWaitsAtLeastOneMillisecond() {
		Backoff backoff = new Backoff(Duration.ofNanos(1), Duration.ofMillis(1), new SplittableRandom(5));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(1));
	}

	@Test
	void resetStartsOverFromInitial() {
		Backoff backoff = new Backoff(INITIAL, MAX, new SplittableRandom(3));
		for (int i = 0; i < 30; i++) {
			backoff.next();
		}
		backoff.reset();
		assertThat(backoff.next()).isBetween(INITIAL, INITIAL.multipliedBy(3));
	}

	@Test
	void equalBoundsGiveAFixedDelay() {
		Backoff backoff = new Backoff(INITIAL, INITIAL, new SplittableRandom(4));
		assertThat(backoff.next()).isEqualTo(INITIAL);
		assertThat(backoff.next()).isEqualTo(INITIAL);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	@Test
	void invalidBoundsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ZERO, MAX, new SplittableRandom()));
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(MAX, INITIAL, new SplittableRandom()));
	}

}
