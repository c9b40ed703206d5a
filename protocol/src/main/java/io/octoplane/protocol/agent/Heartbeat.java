package io.octoplane.protocol.agent;

import org.jspecify.annotations.Nullable;

/**
 * Periodic liveness frame with the node's current status. The brain answers each with a
 * {@link HeartbeatAck}; from the four timestamps of that exchange the tentacle computes
 * round-trip time and clock offset (as NTP does) and reports them in the next heartbeat.
 *
 * @param seq sequence number, increasing by one per heartbeat on a connection
 * @param sentAtMillis tentacle clock when sent (NTP t1), epoch milliseconds
 * @param status host metrics, or {@code null} if they could not be read
 * @param rttMicros round-trip time of the previous exchange in microseconds, or -1 before
 * the first exchange completed
 * @param clockOffsetMillis brain clock minus tentacle clock from the previous exchange,
 * in milliseconds (0 before the first exchange completed)
 */
public record Heartbeat(long seq, long sentAtMillis, @Nullable NodeStatus status, long rttMicros,
		long clockOffsetMillis) implements AgentMessage {

	public Heartbeat {
		if (seq < 0) {
			throw new IllegalArgumentException("seq must not be negative");
		}
		if (rttMicros < -1) {
			throw new IllegalArgumentException("rttMicros must be -1 (unknown) or more");
		}
	}

}
