package io.octoplane.tentacle.connection;

/**
 * Round-trip time and clock offset from one heartbeat exchange, computed as NTP does from
 * four timestamps: t1 sent (tentacle), t2 received and t3 answered (brain), t4 answer
 * received (tentacle). The t1-to-t4 span is measured with the monotonic clock, so a wall
 * clock step during the exchange cannot produce a negative or absurd round trip.
 *
 * @param rttMicros {@code (t4 - t1) - (t3 - t2)}, microseconds, never negative
 * @param offsetMillis {@code ((t2 - t1) + (t3 - t4)) / 2}: brain clock minus tentacle
 * clock, milliseconds
 */
record ClockSample(long rttMicros, long offsetMillis) {

	static ClockSample of(long t1Millis, long t2Millis, long t3Millis, long elapsedNanos) {
		long brainHoldMicros = (t3Millis - t2Millis) * 1000;
		long rttMicros = Math.max(0, elapsedNanos / 1000 - brainHoldMicros);
		double t4Millis = t1Millis + elapsedNanos / 1_000_000.0;
		long offsetMillis = Math.round(((t2Millis - t1Millis) + (t3Millis - t4Millis)) / 2.0);
		return new ClockSample(rttMicros, offsetMillis);
	}

}
