package io.octoplane.octl.napp;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.NodeappResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code octl napp version}: a nodeapp's commits, read from its repository on the node.
 */
@Command(name = "version", description = "List a nodeapp's commits, newest first, as its node holds them.",
		footerHeading = "%nExamples:%n", footer = { "  octl napp version node1 helloPrinter@helloWorld -o table" })
public final class NappVersionCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "NODE", description = "The node.")
	private String node = "";

	@Parameters(index = "1", paramLabel = "APP@SCEN", description = "The nodeapp.")
	private String nodeapp = "";

	@Override
	protected int execute(Octl octl) {
		NodeappResponse response = octl.client().scenarios().nodeappVersions(this.node, this.nodeapp);
		octl.printer(spec()).print(response, NappVersionCommand::table);
		return ExitStatus.OK;
	}

	static String table(NodeappResponse response) {
		Table table = Table.withHeaders("COMMIT", "TIME", "MESSAGE");
		response.versions()
			.forEach((commit) -> table.row(commit.id().substring(0, 10), commit.time().toString(),
					commit.message().strip()));
		return table.render();
	}

}
