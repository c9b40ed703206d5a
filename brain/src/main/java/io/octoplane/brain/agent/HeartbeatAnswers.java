package io.octoplane.brain.agent;

import java.time.Duration;
import java.time.Instant;

import io.octoplane.protocol.agent.SparseAcks;

/**
 * Decides which heartbeats of one control connection get a HeartbeatAck. A tentacle that
 * did not announce sparse acknowledgements gets one for each, as before; one that did
 * gets them by the rule of {@link SparseAcks}: the first few, a changed interval, never
 * two heartbeats in a row unanswered, and a late heartbeat at once.
 *
 * <p>
 * Not thread-safe: the session's reader alone asks.
 */
final class HeartbeatAnswers {

	private final boolean sparse;

	private long toldIntervalMillis;

	private Instant answeredAt;

	private long heartbeats;

	private int unansweredInARow;

	/**
	 * Starts the count for a connection.
	 * @param sparse whether both sides announced sparse acknowledgements
	 * @param welcomedIntervalMillis the interval told in Welcome
	 * @param welcomedAt when Welcome was sent, the brain's last frame so far
	 */
	HeartbeatAnswers(boolean sparse, long welcomedIntervalMillis, Instant welcomedAt) {
		this.sparse = sparse;
		this.toldIntervalMillis = welcomedIntervalMillis;
		this.answeredAt = welcomedAt;
	}

	/**
	 * Counts a heartbeat and says whether to answer it; an answer is taken as sent.
	 * @param intervalMillis the interval the answer would tell
	 * @param receivedAt when the heartbeat arrived, on the brain's clock
	 * @return whether to answer
	 */
	boolean answer(long intervalMillis, Instant receivedAt) {
		this.heartbeats++;
		boolean answer = !this.sparse || this.heartbeats <= SparseAcks.ANSWERED_FIRST
				|| intervalMillis != this.toldIntervalMillis
				|| this.unansweredInARow >= SparseAcks.MAX_UNANSWERED_IN_A_ROW || late(intervalMillis, receivedAt);
		if (answer) {
			this.toldIntervalMillis = intervalMillis;
			this.answeredAt = receivedAt;
			this.unansweredInARow = 0;
		}
		else {
			this.unansweredInARow++;
		}
		return answer;
	}

	private boolean late(long intervalMillis, Instant receivedAt) {
		// Heartbeats come one interval apart; one and a half since the last answer means
		// this one is late, and the tentacle has been waiting longer than the rule
		// plans for.
		long lateMillis = intervalMillis + intervalMillis / 2;
		return Duration.between(this.answeredAt, receivedAt).toMillis() >= lateMillis;
	}

}
