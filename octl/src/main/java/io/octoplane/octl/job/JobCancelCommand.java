package io.octoplane.octl.job;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.protocol.api.JobResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code octl job cancel}: stops a job; targets that have not finished end
 * {@code cancelled}.
 */
@Command(name = "cancel",
		description = {
				"Cancel a job: nodes still queued or running end 'cancelled'; finished nodes keep their result.",
				"Prints the job once the nodes told to stop have confirmed (waiting up to 10 s); nodes that",
				"have not confirmed yet are counted as pending and named on standard error.",
				"Cancelling a finished job changes nothing and still exits 0." },
		footerHeading = "%nExamples:%n", footer = { "  octl job cancel 3f2c9a" })
public final class JobCancelCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "ID", description = "The job id.")
	private String id = "";

	@Override
	protected int execute(Octl octl) {
		JobResponse job = octl.client().jobs().cancel(this.id);
		octl.printer(spec()).print(job, JobTables::job);
		if (job.pending() > 0) {
			// Offline nodes, or nodes of another brain, stop when they next hear of it.
			spec().commandLine()
				.getErr()
				.println("octl: cancelling: " + job.pending() + " node(s) have not confirmed yet; octl job get "
						+ job.id() + " shows when they do");
		}
		return ExitStatus.OK;
	}

}
