package io.octoplane.bench;

import java.time.Duration;

import io.octoplane.bench.sim.FleetSimulator;

/**
 * Waits for a fleet to connect while telling the person at the terminal how far it got,
 * on standard error so that standard output stays the report.
 */
final class Progress {

	private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

	private Progress() {
	}

	static boolean awaitConnected(FleetSimulator simulator, int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() - deadline < 0) {
			long left = deadline - System.nanoTime();
			Duration slice = Duration.ofNanos(Math.max(1, Math.min(left, REPORT_EVERY.toNanos())));
			if (simulator.awaitConnected(count, slice)) {
				return true;
			}
			System.err.printf("bench: %d of %d connected (%d connection failures)%n", simulator.connected(), count,
					simulator.dialFailures());
		}
		return simulator.connected() >= count;
	}

}
