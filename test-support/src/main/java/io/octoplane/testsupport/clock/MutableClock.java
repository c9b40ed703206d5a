package io.octoplane.testsupport.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock in UTC that stands still until a test moves it, passed wherever the code under
 * test takes a {@link Clock}, so that tests advance time instead of sleeping. It starts
 * at 2026-12-01T12:00:00Z; it is safe to read from other threads while the test moves it.
 */
public final class MutableClock extends Clock {

	private static final Instant START = Instant.parse("2026-12-01T12:00:00Z");

	private volatile Instant now = START;

	/**
	 * Moves the clock forward (or back, for a negative duration).
	 * @param duration how far
	 */
	public void advance(Duration duration) {
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
