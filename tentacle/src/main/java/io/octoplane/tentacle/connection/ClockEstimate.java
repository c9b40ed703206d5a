package io.octoplane.tentacle.connection;

import java.util.OptionalLong;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * What the tentacle knows about the brain's clock, kept across connections: the offset
 * (brain minus tentacle) from the newest heartbeat exchange and how uncertain it is. An
 * NTP-style offset is off by at most half the round trip; the estimate grows less certain
 * as it ages, since two quartz clocks drift apart, and millisecond timestamps add one
 * millisecond. Time-aligned commands start only on an estimate that is certain enough.
 *
 * <p>
 * Thread-safe.
 */
public final class ClockEstimate {

	/**
	 * Drift assumed between two unsynchronised clocks, in parts per million: ordinary
	 * crystals stay within 100 ppm, i.e. 0.1 ms per second of age.
	 */
	private static final long DRIFT_PPM = 100;

	private final LongSupplier nanoTime;

	private volatile @Nullable Sample sample;

	/** An estimate on the monotonic clock of this JVM. */
	public ClockEstimate() {
		this(System::nanoTime);
	}

	ClockEstimate(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	void update(ClockSample measured) {
		this.sample = new Sample(measured.offsetMillis(), measured.rttMicros(), this.nanoTime.getAsLong());
	}

	/**
	 * The brain clock minus the tentacle clock, if any heartbeat exchange completed.
	 * @return the offset in milliseconds, or empty
	 */
	public OptionalLong offsetMillis() {
		Sample current = this.sample;
		return (current != null) ? OptionalLong.of(current.offsetMillis()) : OptionalLong.empty();
	}

	/**
	 * How far the true offset may be from {@link #offsetMillis()} now.
	 * @return the uncertainty in milliseconds, or empty with no estimate
	 */
	public OptionalLong errorMillis() {
		Sample current = this.sample;
		if (current == null) {
			return OptionalLong.empty();
		}
		long ageMillis = Math.max(0, (this.nanoTime.getAsLong() - current.atNanos()) / 1_000_000);
		long halfRoundTripMillis = (current.rttMicros() + 1999) / 2000;
		return OptionalLong.of(halfRoundTripMillis + ageMillis * DRIFT_PPM / 1_000_000 + 1);
	}

	private record Sample(long offsetMillis, long rttMicros, long atNanos) {

	}

}
