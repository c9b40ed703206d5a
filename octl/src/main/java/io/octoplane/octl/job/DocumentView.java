package io.octoplane.octl.job;

import io.octoplane.octl.output.Printer;
import io.octoplane.protocol.api.JobResponse;

/**
 * Prints nothing while the job runs and the final job as one document at the end, so
 * stdout of {@code -o json} and {@code -o yaml} stays parseable as a whole.
 */
final class DocumentView implements JobView {

	private final Printer printer;

	DocumentView(Printer printer) {
		this.printer = printer;
	}

	/** The document needs the final job only, so the brain sends no node states. */
	@Override
	public boolean wantsNodeStates() {
		return false;
	}

	@Override
	public void finish(JobResponse job) {
		this.printer.print(job, JobTables::job);
	}

}
