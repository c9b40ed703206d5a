package io.octoplane.octl.napp;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.octl.scen.OffsetSpelling;
import io.octoplane.protocol.api.NodeappResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code octl napp version}: a nodeapp's commits, read from its repository on the node.
 */
@Command(name = "version", description = "List a nodeapp's commits, newest first, as its node holds them.",
		footerHeading = "%nExamples:%n", footer = { "  octl napp version node1 helloPrinter@helloWorld -o table",
				"  octl napp version node1 helloPrinter@helloWorld -o 5 -l 5" },
		preprocessor = OffsetSpelling.class)
public final class NappVersionCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "NODE", description = "The node.")
	private String node = "";

	@Parameters(index = "1", paramLabel = "APP@SCEN", description = "The nodeapp.")
	private String nodeapp = "";

	@Option(names = "--offset", paramLabel = "N",
			description = "Skip the N newest (default 0); -o N is read as --offset N.")
	private int offset;

	@Option(names = { "-l", "--limit" }, paramLabel = "N", description = "Show at most N (default 20).")
	private int limit = 20;

	@Override
	protected int execute(Octl octl) {
		NodeappResponse response = octl.client()
			.scenarios()
			.nodeappVersions(this.node, this.nodeapp, this.offset, this.limit);
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
