package io.octoplane.octl;

/**
 * Exit statuses of octl, as jbang uses them, so scripts can tell a bad invocation from a
 * missing node from a brain that is down.
 */
public final class ExitStatus {

	/** Everything succeeded, including the command on every node. */
	public static final int OK = 0;

	/** A generic failure, for example a command that did not succeed on some node. */
	public static final int GENERIC = 1;

	/**
	 * Invalid input: usage error, bad config, or a request the brain rejected as invalid.
	 */
	public static final int INVALID_INPUT = 2;

	/**
	 * Unexpected state: an unknown node, job or resource, or a conflict such as pruning
	 * an online node.
	 */
	public static final int UNEXPECTED_STATE = 3;

	/**
	 * Internal failure: the brain is unreachable, unavailable or failed, a job did not
	 * finish within the wait, or octl itself failed.
	 */
	public static final int INTERNAL = 4;

	/**
	 * Stopped by Ctrl-C, as shells report a SIGINT (128 + 2), when octl stopped waiting
	 * and left the work to the brain.
	 */
	public static final int INTERRUPTED = 130;

	private ExitStatus() {
	}

}
