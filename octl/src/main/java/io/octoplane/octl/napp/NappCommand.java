package io.octoplane.octl.napp;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code octl napp}: groups the nodeapp commands. */
@Command(name = "napp", description = "Nodeapps: a scenario application's git-tracked folder on one node.",
		subcommands = { NappGetCommand.class, NappVersionCommand.class, NappResetCommand.class },
		footerHeading = "%nExamples:%n",
		footer = { "  octl napp get node1", "  octl napp version node1 helloPrinter@helloWorld",
				"  octl napp reset node1 helloPrinter@helloWorld -v 9c1e2a -m 'undo'" })
public final class NappCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "missing command: use 'octl napp get|version|reset'");
	}

}
