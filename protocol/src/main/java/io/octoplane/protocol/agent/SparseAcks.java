package io.octoplane.protocol.agent;

import java.util.Set;

/**
 * The contract of {@link Capabilities#SPARSE_HEARTBEAT_ACKS}. Answering every heartbeat
 * is most of what an idle brain does (a write system call and a TLS record per node per
 * interval); a tentacle that announced the capability to a brain that announced it too
 * gets a {@link HeartbeatAck} only where one matters:
 * <ul>
 * <li>for each of the first {@value #ANSWERED_FIRST} heartbeats of a connection, so the
 * round trip and clock offset are known at once;</li>
 * <li>when the interval in it differs from the one told last (in Welcome or an ack);</li>
 * <li>when the heartbeat before it went unanswered: never more than
 * {@value #MAX_UNANSWERED_IN_A_ROW} in a row;</li>
 * <li>when it arrives one and a half intervals or more after the last answer, so a late
 * heartbeat is answered at once rather than left to the next one.</li>
 * </ul>
 * Between two frames from the brain a tentacle therefore waits two heartbeat spacings at
 * most where it waited one before, and it takes the link for dead only after
 * {@link #deadAfterIntervals(boolean) one interval more} of silence than without the
 * capability: a heartbeat may come as late as ever before the link looks dead. A
 * heartbeat still reports the round trip and offset measured last, from whichever
 * heartbeat was answered last.
 */
public final class SparseAcks {

	/** Heartbeats at the start of a connection that are always answered. */
	public static final int ANSWERED_FIRST = 3;

	/** Most heartbeats in a row a brain leaves unanswered. */
	public static final int MAX_UNANSWERED_IN_A_ROW = 1;

	/**
	 * Intervals of silence after which a tentacle answered every time calls its link
	 * dead.
	 */
	private static final int DEAD_AFTER_INTERVALS = 3;

	private SparseAcks() {
	}

	/**
	 * Whether both sides announced sparse acknowledgements.
	 * @param hello what the tentacle announced
	 * @param welcome what the brain announced
	 * @return whether acknowledgements are sparse on this connection
	 */
	public static boolean agreed(Set<String> hello, Set<String> welcome) {
		return hello.contains(Capabilities.SPARSE_HEARTBEAT_ACKS)
				&& welcome.contains(Capabilities.SPARSE_HEARTBEAT_ACKS);
	}

	/**
	 * How many heartbeat intervals without any frame from the brain mean a dead link.
	 * @param sparse whether acknowledgements are sparse on the connection
	 * @return 3, or 4 with sparse acknowledgements
	 */
	public static int deadAfterIntervals(boolean sparse) {
		return DEAD_AFTER_INTERVALS + (sparse ? MAX_UNANSWERED_IN_A_ROW : 0);
	}

}
