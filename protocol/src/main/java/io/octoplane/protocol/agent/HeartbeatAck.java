package io.octoplane.protocol.agent;

/**
 * The brain's answer to a {@link Heartbeat}, carrying the timestamps the tentacle needs
 * to compute round-trip time and clock offset, and the interval for the next heartbeat
 * (the server sets the pace, so an operator can slow down a fleet on metered links
 * centrally).
 *
 * @param seq the heartbeat sequence number being answered
 * @param tentacleSentAtMillis the heartbeat's {@code sentAtMillis} echoed back (NTP t1)
 * @param brainReceivedAtMillis brain clock when the heartbeat arrived (NTP t2)
 * @param brainSentAtMillis brain clock when this answer was sent (NTP t3)
 * @param heartbeatIntervalMillis interval until the next heartbeat, milliseconds,
 * positive
 */
public record HeartbeatAck(long seq, long tentacleSentAtMillis, long brainReceivedAtMillis, long brainSentAtMillis,
		long heartbeatIntervalMillis) implements BrainMessage {

	public HeartbeatAck {
		if (heartbeatIntervalMillis <= 0) {
			throw new IllegalArgumentException("heartbeatIntervalMillis must be positive");
		}
	}

}
