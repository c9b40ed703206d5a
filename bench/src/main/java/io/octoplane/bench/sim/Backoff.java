package io.octoplane.bench.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Delay before the next dial after consecutive failures: exponential from
 * {@code initial}, capped at {@code max}, with a random half of it taken off so that a
 * fleet cut off at the same moment does not redial in lock step.
 *
 * @param initial delay after the first failure, positive
 * @param max longest delay, at least {@code initial}
 */
public record Backoff(Duration initial, Duration max) {

	/** What the simulator uses unless told otherwise: 200 ms doubling up to 10 s. */
	public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));

	public Backoff {
		Objects.requireNonNull(initial, "initial must not be null");
		Objects.requireNonNull(max, "max must not be null");
		if (initial.isNegative() || initial.isZero()) {
			throw new IllegalArgumentException("initial must be positive");
		}
		if (max.compareTo(initial) < 0) {
			throw new IllegalArgumentException("max must not be shorter than initial");
		}
	}

	/**
	 * The delay after a number of consecutive failures.
	 * @param failures failures so far, at least 1
	 * @param random source of the jitter
	 * @return a delay between half and all of the capped exponential delay
	 */
	public Duration delay(int failures, RandomGenerator random) {
		int doublings = Math.min(Math.max(failures, 1) - 1, 30);
		long capped = Math.min(this.max.toMillis(), this.initial.toMillis() << doublings);
		long half = Math.max(1, capped / 2);
		return Duration.ofMillis(half + random.nextLong(capped - half + 1));
	}

}
