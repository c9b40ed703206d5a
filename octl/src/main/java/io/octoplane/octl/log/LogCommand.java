package io.octoplane.octl.log;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code octl log}: groups the commands about log files.
 */
@Command(name = "log", description = "Read the brain's or a node's log.", subcommands = LogGetCommand.class,
		footerHeading = "%nExamples:%n", footer = { "  octl log get brain", "  octl log get pi1 -l 500 -d 2" })
public final class LogCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "missing command: use 'octl log get'");
	}

}
