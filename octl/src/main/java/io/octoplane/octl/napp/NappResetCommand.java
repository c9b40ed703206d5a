package io.octoplane.octl.napp;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.protocol.api.NodeappResponse;
import io.octoplane.protocol.api.ResetRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code octl napp reset}: one nodeapp back to an earlier commit, as a new commit; the
 * scenario's version is not changed.
 */
@Command(name = "reset", description = "Bring one nodeapp back to an earlier commit, as a new commit.",
		footerHeading = "%nExamples:%n",
		footer = { "  octl napp reset node1 helloPrinter@helloWorld -v 9c1e2a -m 'undo'" })
public final class NappResetCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "NODE", description = "The node.")
	private String node = "";

	@Parameters(index = "1", paramLabel = "APP@SCEN", description = "The nodeapp.")
	private String nodeapp = "";

	@Option(names = { "-v", "--version" }, required = true, paramLabel = "PREFIX",
			description = "The commit: at least 3 leading characters of its id.")
	private String version = "";

	@Option(names = { "-m", "--message" }, required = true, paramLabel = "TEXT", description = "Why.")
	private String message = "";

	@Override
	protected int execute(Octl octl) {
		NodeappResponse response = octl.client()
			.scenarios()
			.resetNodeapp(this.node, this.nodeapp, new ResetRequest(this.version, this.message));
		octl.printer(spec()).print(response, NappVersionCommand::table);
		return ExitStatus.OK;
	}

}
