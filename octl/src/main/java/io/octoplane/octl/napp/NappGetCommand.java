package io.octoplane.octl.napp;

import java.util.List;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.TargetNames;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.NodeappListResponse;
import io.octoplane.protocol.api.NodeappResponse;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code octl napp get}: the nodeapps on a node, or one of them with its history. */
@Command(name = "get", description = "List the nodeapps on a node, or show one with its history.",
		footerHeading = "%nExamples:%n",
		footer = { "  octl napp get node1 -o table", "  octl napp get node1 helloPrinter@helloWorld" })
public final class NappGetCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "NODE", description = "The node.")
	private String node = "";

	@Parameters(index = "1", arity = "0..1", paramLabel = "APP@SCEN",
			description = "One nodeapp; without it (or ALL, as in Octopoda) every nodeapp on the node.")
	private @Nullable String nodeapp;

	@Override
	protected int execute(Octl octl) {
		List<NodeappResponse> nodeapps = (this.nodeapp != null && !TargetNames.ALL.equals(this.nodeapp))
				? List.of(octl.client().scenarios().nodeappVersions(this.node, this.nodeapp, 0, 1000))
				: octl.client().scenarios().nodeapps(this.node);
		octl.printer(spec()).print(new NodeappListResponse(nodeapps), (list) -> table(list.nodeapps()));
		return ExitStatus.OK;
	}

	static String table(List<NodeappResponse> nodeapps) {
		Table table = Table.withHeaders("NODE", "NODEAPP", "HEAD");
		nodeapps.forEach((napp) -> table.row(napp.node(), napp.nodeapp(), (napp.head() != null) ? napp.head() : "-"));
		return table.render();
	}

}
