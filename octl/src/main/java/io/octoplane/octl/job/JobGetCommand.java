package io.octoplane.octl.job;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.protocol.api.JobResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code octl job get}: prints one job with every target's state and result, whether or
 * not it has finished.
 */
@Command(name = "get",
		description = { "Print a job: its state, counters and every node's state, exit code and output.",
				"Exits 0 whenever the job exists, even if it failed; 3 if the brain does not know it." },
		footerHeading = "%nExamples:%n", footer = { "  octl job get 3f2c9a", "  octl job get 3f2c9a -o table" })
public final class JobGetCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "ID",
			description = "The job id, as 'octl cmd run' or 'octl job list' print it.")
	private String id = "";

	@Override
	protected int execute(Octl octl) {
		JobResponse job = octl.client().jobs().get(this.id);
		octl.printer(spec()).print(job, JobTables::job);
		return ExitStatus.OK;
	}

}
