package io.octoplane.octl.wg;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code octl wg}: groups the workgroup commands.
 */
@Command(name = "wg", description = "Manage workgroups: which nodes each may see and target, and their passwords.",
		subcommands = { WgPwdCommand.class, WgCdCommand.class, WgGetCommand.class, WgLsCommand.class,
				WgAddCommand.class, WgRmCommand.class, WgGrantCommand.class },
		footerHeading = "%nExamples:%n", footer = { "  octl wg pwd", "  octl wg cd /lab", "  octl wg ls",
				"  octl wg add /lab pi1 pi2", "  octl wg grant /lab --password-stdin < pw.txt" })
public final class WgCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(),
				"missing command: use 'octl wg pwd|cd|get|ls|add|rm|grant'");
	}

}
