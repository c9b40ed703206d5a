package io.octoplane.tentacle.connection;

import java.time.Clock;

import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.HeartbeatAck;
import io.octoplane.protocol.agent.NodeStatus;
import org.jspecify.annotations.Nullable;

/**
 * The heartbeat bookkeeping of one connection: sequence numbers, the interval the brain
 * asked for, and the round trip and clock offset measured from the last acknowledged
 * heartbeat, which the next heartbeat reports. Thread-safe: the sender and the reader
 * thread both use it.
 */
final class HeartbeatClock {

	private final Clock clock;

	private long intervalMillis;

	private long nextSeq;

	private long pendingSeq = -1;

	private long pendingSentAtMillis;

	private long pendingSentNanos;

	private long rttMicros = -1;

	private long offsetMillis;

	private final ClockEstimate estimate;

	HeartbeatClock(Clock clock, long intervalMillis) {
		this(clock, intervalMillis, new ClockEstimate());
	}

	HeartbeatClock(Clock clock, long intervalMillis, ClockEstimate estimate) {
		this.clock = clock;
		this.intervalMillis = intervalMillis;
		this.estimate = estimate;
	}

	synchronized Heartbeat next(@Nullable NodeStatus status, long nowNanos) {
		long seq = this.nextSeq++;
		// Only the newest heartbeat is timed: a late answer to an older one would mix the
		// timestamps of two exchanges.
		this.pendingSeq = seq;
		this.pendingSentAtMillis = this.clock.millis();
		this.pendingSentNanos = nowNanos;
		return new Heartbeat(seq, this.pendingSentAtMillis, status, this.rttMicros, this.offsetMillis);
	}

	/** Records an answer and returns the interval the brain asked for. */
	synchronized long acknowledged(HeartbeatAck ack, long nowNanos) {
		if (ack.seq() == this.pendingSeq && ack.tentacleSentAtMillis() == this.pendingSentAtMillis) {
			ClockSample sample = ClockSample.of(this.pendingSentAtMillis, ack.brainReceivedAtMillis(),
					ack.brainSentAtMillis(), nowNanos - this.pendingSentNanos);
			this.rttMicros = sample.rttMicros();
			this.offsetMillis = sample.offsetMillis();
			this.estimate.update(sample);
			this.pendingSeq = -1;
		}
		this.intervalMillis = ack.heartbeatIntervalMillis();
		return this.intervalMillis;
	}

	synchronized long intervalMillis() {
		return this.intervalMillis;
	}

}
