package io.octoplane.brain.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a node's silence is judged: the heartbeat interval its connection runs at and the
 * silences after which it shows unstable and offline. The brain that holds the connection
 * fixes it when the node connects and stores it with the node's registration, so every
 * brain judges the node alike.
 *
 * @param intervalMillis the heartbeat interval granted to the node, milliseconds
 * @param unstableAfter silence after which the node shows unstable
 * @param offlineAfter silence after which it shows offline (and its connection is dropped
 * as dead); longer than {@code unstableAfter}
 */
public record NodePace(long intervalMillis, Duration unstableAfter, Duration offlineAfter) {

	public NodePace {
		Objects.requireNonNull(unstableAfter, "unstableAfter must not be null");
		Objects.requireNonNull(offlineAfter, "offlineAfter must not be null");
		if (intervalMillis <= 0) {
			throw new IllegalArgumentException("intervalMillis must be positive");
		}
		if (offlineAfter.compareTo(unstableAfter) <= 0) {
			throw new IllegalArgumentException("offlineAfter must be longer than unstableAfter");
		}
	}

	/** When a node last heard from at a time turns unstable, epoch milliseconds. */
	long unstableAt(Instant lastSeen) {
		return lastSeen.toEpochMilli() + this.unstableAfter.toMillis();
	}

	/** When a node last heard from at a time turns offline, epoch milliseconds. */
	long offlineAt(Instant lastSeen) {
		return lastSeen.toEpochMilli() + this.offlineAfter.toMillis();
	}

}
