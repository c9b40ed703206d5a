package io.octoplane.octl.scen;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code octl scen delete}: removes a scenario's record and version history from the
 * brain, as Octopoda's purge removes its record. The nodeapps stay on the nodes: run the
 * purge target first to remove them.
 */
@Command(name = "delete",
		description = { "Remove a scenario's record and version history from the brain.",
				"Its nodeapps stay on the nodes: apply the purge target first to remove them." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl scen apply helloWorld purge && octl scen delete helloWorld" })
public final class ScenDeleteCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "SCEN", description = "The scenario's name.")
	private String name = "";

	@Override
	protected int execute(Octl octl) {
		octl.client().scenarios().delete(this.name);
		spec().commandLine().getErr().println("deleted scenario " + this.name);
		return ExitStatus.OK;
	}

}
