package io.octoplane.octl.job;

import java.util.function.Function;

import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeOutputEvent;
import org.jspecify.annotations.Nullable;

/**
 * The view of a job that a command starts and follows in one request: the real view needs
 * the job as accepted (its id, its targets), which arrives with the first event, so it is
 * made then and everything after goes to it.
 */
final class AcceptedView implements JobView {

	private final boolean nodeStates;

	private final Function<JobResponse, JobView> make;

	private @Nullable JobView view;

	/**
	 * A view made once the job is accepted.
	 * @param nodeStates whether the view made will want the targets' states
	 * @param make makes the view from the job as accepted
	 */
	AcceptedView(boolean nodeStates, Function<JobResponse, JobView> make) {
		this.nodeStates = nodeStates;
		this.make = make;
	}

	@Override
	public void onAccepted(JobResponse job) {
		if (this.view == null) {
			this.view = this.make.apply(job);
		}
	}

	@Override
	public void onNode(NodeCommandResult result) {
		if (this.view != null) {
			this.view.onNode(result);
		}
	}

	@Override
	public void onOutput(NodeOutputEvent output) {
		if (this.view != null) {
			this.view.onOutput(output);
		}
	}

	@Override
	public void onStreamLost(String reason) {
		if (this.view != null) {
			this.view.onStreamLost(reason);
		}
	}

	@Override
	public boolean wantsNodeStates() {
		return this.nodeStates;
	}

	@Override
	public void finish(JobResponse job) {
		onAccepted(job);
		JobView made = this.view;
		if (made != null) {
			made.finish(job);
		}
	}

}
