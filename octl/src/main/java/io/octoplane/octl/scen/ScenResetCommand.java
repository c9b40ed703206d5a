package io.octoplane.octl.scen;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.protocol.api.ResetRequest;
import io.octoplane.protocol.api.ScenarioApplyResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code octl scen reset}: brings a scenario and every nodeapp of it back to an earlier
 * version, as a new version (history is kept).
 */
@Command(name = "reset",
		description = "Bring a scenario and all its nodeapps back to an earlier version, recorded as a new version.",
		footerHeading = "%nExamples:%n", footer = { "  octl scen reset helloWorld -v 3fa9c1 -m 'undo the tuning'" })
public final class ScenResetCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "SCEN", description = "The scenario's name.")
	private String name = "";

	@Option(names = { "-v", "--version" }, required = true, paramLabel = "PREFIX",
			description = "The version: at least 3 leading characters of its id.")
	private String version = "";

	@Option(names = { "-m", "--message" }, required = true, paramLabel = "TEXT", description = "Why.")
	private String message = "";

	@Override
	protected int execute(Octl octl) {
		ScenarioApplyResponse response = octl.client()
			.scenarios()
			.reset(this.name, new ResetRequest(this.version, this.message));
		octl.printer(spec()).print(response, ScenApplyCommand::table);
		if (!response.succeeded()) {
			spec().commandLine().getErr().println("failed: " + response.failure());
			return ExitStatus.GENERIC;
		}
		return ExitStatus.OK;
	}

}
