package io.octoplane.octl.job;

import java.time.Duration;

import io.octoplane.client.OctoplaneClient;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.config.DurationConverter;
import io.octoplane.protocol.api.JobResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code octl job wait}: waits for a job someone started (for example with
 * {@code octl cmd run --async}) and prints and exits exactly as {@code octl cmd run}
 * would have.
 */
@Command(name = "wait",
		description = { "Wait until a job is done, then print it like 'octl cmd run' does.",
				"Exit status is 0 only if the command succeeded on every node, 1 otherwise, "
						+ "4 if the job did not finish within --timeout (it keeps running)." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl job wait 3f2c9a", "  octl job wait 3f2c9a --timeout 1h --follow" })
public final class JobWaitCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "ID", description = "The job id.")
	private String id = "";

	@Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10m",
			description = "How long to wait, like 30s, 10m or 1h (default: ${DEFAULT-VALUE}).")
	private Duration timeout = Duration.ofMinutes(10);

	@Option(names = "--follow",
			description = "Print live output as 'node| line' on stdout (node stderr on stderr) and the summary on stderr. "
					+ "Live output exists only for jobs started with --follow; otherwise each node's output is printed "
					+ "when it finishes.")
	private boolean follow;

	@Override
	protected int execute(Octl octl) {
		OctoplaneClient client = octl.client();
		JobResponse job = client.jobs().get(this.id);
		return JobWaiter.await(octl, spec(), client, job, this.timeout, this.follow);
	}

}
