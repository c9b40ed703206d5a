package io.octoplane.tentacle.connection;

/** Clock estimates as a heartbeat exchange would leave them, for tests elsewhere. */
public final class ClockEstimates {

	private ClockEstimates() {
	}

	/**
	 * An estimate from one exchange that just completed.
	 * @param offsetMillis brain clock minus tentacle clock
	 * @param rttMicros the exchange's round trip
	 * @return the estimate
	 */
	public static ClockEstimate measured(long offsetMillis, long rttMicros) {
		ClockEstimate estimate = new ClockEstimate();
		estimate.update(new ClockSample(rttMicros, offsetMillis));
		return estimate;
	}

}
