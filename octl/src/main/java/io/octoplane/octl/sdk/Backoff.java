package io.octoplane.octl.sdk;

import java.time.Duration;

/**
 * Exponential delays between attempts to reach a job again, doubling from a first delay
 * up to a cap, and back to the first one once the brain answers properly.
 */
final class Backoff {

	private final Duration first;

	private final Duration max;

	private Duration next;

	Backoff(Duration first, Duration max) {
		this.first = first;
		this.max = max;
		this.next = first;
	}

	Duration next() {
		Duration current = this.next;
		Duration doubled = current.multipliedBy(2);
		this.next = (doubled.compareTo(this.max) > 0) ? this.max : doubled;
		return current;
	}

	void reset() {
		this.next = this.first;
	}

}
