package io.octoplane.client;

import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeOutputEvent;

/**
 * Receives what happens to a job while {@link JobApi#await} or {@link JobApi#run} waits
 * for it. Methods run on the waiting thread, one at a time. Each state of a node is
 * reported once even when the event stream is re-opened (the brain then repeats every
 * target's state) or the client falls back to polling; live output is only reported while
 * the stream is up, so output sent during an outage is missing here but not from the
 * final result.
 */
public interface JobListener {

	/**
	 * The brain stored the job that {@link JobApi#run} started; called once, before any
	 * other method.
	 * @param job the job as accepted: its id, and each target's first state
	 */
	default void onAccepted(JobResponse job) {
	}

	/**
	 * A node reached a new state.
	 * @param result the node's state, and its result once the state is final
	 */
	default void onNode(NodeCommandResult result) {
	}

	/**
	 * A piece of a node's live output arrived (only for jobs submitted with
	 * {@code stream_output}).
	 * @param output the node, stream and text; text may end in the middle of a line
	 */
	default void onOutput(NodeOutputEvent output) {
	}

	/**
	 * The event stream could not be opened or broke, and the client polls the job until
	 * it can re-open it. Called once per outage.
	 * @param reason why, for people
	 */
	default void onStreamLost(String reason) {
	}

	/**
	 * Whether this listener wants {@link #onNode} calls while the job runs. A listener
	 * that does not lets the brain send only live output and the final job, which costs
	 * it far less on a job of thousands of nodes; {@link #onNode} is then called once per
	 * node with its final state when the job is done.
	 * @return {@code true} unless overridden
	 */
	default boolean wantsNodeStates() {
		return true;
	}

	/**
	 * A listener that ignores everything, so the brain sends no node states.
	 * @return the listener
	 */
	static JobListener none() {
		return new JobListener() {

			@Override
			public boolean wantsNodeStates() {
				return false;
			}

		};
	}

}
