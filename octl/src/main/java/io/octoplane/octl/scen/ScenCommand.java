package io.octoplane.octl.scen;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code octl scen}: groups the scenario commands.
 */
@Command(name = "scen",
		description = "Deploy scenarios: applications in a folder with a deployment.yaml, run as nodeapps on nodes.",
		subcommands = { ScenCreateCommand.class, ScenApplyCommand.class, ScenGetCommand.class, ScenVersionCommand.class,
				ScenResetCommand.class, ScenDeleteCommand.class, ScenRepoCommand.class },
		footerHeading = "%nExamples:%n",
		footer = { "  octl scen create helloWorld with helloPrinter", "  octl scen apply helloWorld -m 'first try'",
				"  octl scen apply helloWorld stop -m 'pause'", "  octl scen version helloWorld",
				"  octl scen reset helloWorld -v 3fa9c1 -m 'back to the good one'", "  octl scen delete helloWorld" })
public final class ScenCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(),
				"missing command: use 'octl scen create|apply|get|version|reset|delete|repo'");
	}

}
