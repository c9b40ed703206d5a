package io.octoplane.protocol.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next attempt: exponential growth with decorrelated jitter
 * ({@code next = min(max, random(initial, previous * 3))}). The jitter spreads a fleet
 * that lost its brain at the same instant, so the brain is not hit by every tentacle at
 * once when it comes back; never waiting less than {@code initial} keeps a brain that
 * accepts and drops at once from being dialled in a hot loop. Tentacles, transfers, octl
 * and the benchmark's simulated tentacles all wait with this one algorithm, so a
 * benchmark storm is the storm a real fleet makes.
 *
 * <p>
 * Not thread-safe: one retry loop owns one instance.
 */
public final class Backoff {

	private final long initialMillis;

	private final long maxMillis;

	private final RandomGenerator random;

	private long previousMillis;

	/**
	 * Creates a backoff.
	 * @param initial the shortest wait; positive
	 * @param max the longest wait; at least {@code initial}
	 * @param random source of jitter (seeded in tests)
	 * @throws IllegalArgumentException if the bounds are not positive or out of order
	 */
	public Backoff(Duration initial, Duration max, RandomGenerator random) {
		this.initialMillis = Math.max(1, initial.toMillis());
		this.maxMillis = max.toMillis();
		if (initial.isNegative() || initial.isZero()) {
			throw new IllegalArgumentException("initial must be positive");
		}
		if (this.maxMillis < this.initialMillis) {
			throw new IllegalArgumentException("max must not be less than initial");
		}
		this.random = Objects.requireNonNull(random, "random must not be null");
		this.previousMillis = this.initialMillis;
	}

	/**
	 * The wait before the next attempt; each call grows the range.
	 * @return a duration between {@code initial} and {@code max}
	 */
	public Duration next() {
		long upper = (this.previousMillis > this.maxMillis / 3) ? this.maxMillis : this.previousMillis * 3;
		long millis = (upper > this.initialMillis) ? this.random.nextLong(this.initialMillis, upper + 1)
				: this.initialMillis;
		this.previousMillis = millis;
		return Duration.ofMillis(millis);
	}

	/** Starts over from {@code initial}, after an attempt succeeded. */
	public void reset() {
		this.previousMillis = this.initialMillis;
	}

}
