package io.octoplane.octl.job;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code octl job}: groups the commands about command jobs.
 */
@Command(name = "job", description = "Work with command jobs: the runs that 'octl cmd run' starts.",
		subcommands = { JobGetCommand.class, JobListCommand.class, JobCancelCommand.class, JobWaitCommand.class },
		footerHeading = "%nExamples:%n",
		footer = { "  octl job list -o table", "  octl job get 3f2c9a", "  octl job wait 3f2c9a --follow" })
public final class JobCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "missing command: use 'octl job get|list|cancel|wait'");
	}

}
