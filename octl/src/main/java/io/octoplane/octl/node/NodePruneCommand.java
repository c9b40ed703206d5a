package io.octoplane.octl.node;

import java.util.ArrayList;
import java.util.List;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.PruneResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code octl node prune}: removes offline nodes from the registry.
 */
@Command(name = "prune",
		description = { "Remove offline nodes from the brain's registry.",
				"Without names (or with ALL), removes every offline node; @GROUP removes the offline nodes of a "
						+ "workgroup. Naming an online node fails with exit status 3 (conflict)." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl node prune", "  octl node prune pi3", "  octl node prune @lab" })
public final class NodePruneCommand extends OctlCommand {

	@Parameters(paramLabel = "TARGET", arity = "0..*",
			description = "Offline nodes, @GROUPs or ALL (default: all offline nodes).")
	private List<String> names = new ArrayList<>();

	@Override
	protected int execute(Octl octl) {
		PruneResponse response = octl.client().nodes().prune(this.names);
		octl.printer(spec()).print(response, NodePruneCommand::table);
		return ExitStatus.OK;
	}

	static String table(PruneResponse response) {
		Table table = Table.withHeaders("PRUNED");
		response.pruned().forEach(table::row);
		return table.render();
	}

}
