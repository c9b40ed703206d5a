package io.octoplane.octl.scen;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code octl scen repo}: keeps scenario folders in a git remote (the octl config's
 * {@code scenarioRemote}), so a team shares them; the brain is not involved.
 */
@Command(name = "repo",
		description = "Clone a scenario folder from, or push it to, the git remote in octl.yaml "
				+ "(scenarioRemote; scenario NAME is NAME.git under it).",
		subcommands = { ScenRepoCloneCommand.class, ScenRepoPushCommand.class }, footerHeading = "%nExamples:%n",
		footer = { "  octl scen repo clone helloWorld", "  octl scen repo push helloWorld -m 'tuned prepare.sh'" })
public final class ScenRepoCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "missing command: use 'octl scen repo clone|push'");
	}

}
