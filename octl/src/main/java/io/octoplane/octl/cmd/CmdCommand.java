package io.octoplane.octl.cmd;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code octl cmd}: groups the commands that run things on nodes.
 */
@Command(name = "cmd", description = "Run commands on nodes.", subcommands = CmdRunCommand.class,
		footerHeading = "%nExamples:%n",
		footer = { "  octl cmd run 'df -h' pi1 pi2", "  octl cmd run 'uptime' pi1 --async" })
public final class CmdCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "missing command: use 'octl cmd run'");
	}

}
