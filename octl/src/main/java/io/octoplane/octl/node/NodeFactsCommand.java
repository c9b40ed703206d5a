package io.octoplane.octl.node;

import java.util.Map;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.NodeFactsResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code octl node facts}: what a node reported about itself, its labels, and what went
 * wrong with its fact scripts.
 */
@Command(name = "facts",
		description = {
				"Show a node's facts (OS, kernel, arch, CPU, memory, disks, addresses, boot time, versions "
						+ "and its fact scripts' output), its labels and its fact script errors.",
				"Sizes are bytes, times epoch seconds; select on them with -l 'facts.memory_total>2GiB'." },
		footerHeading = "%nExamples:%n", footer = { "  octl node facts pi1", "  octl node facts pi1 -o table" })
public final class NodeFactsCommand extends OctlCommand {

	@Parameters(paramLabel = "NODE", description = "The node.")
	private String name = "";

	@Override
	protected int execute(Octl octl) {
		NodeFactsResponse facts = octl.client().labels().facts(this.name);
		octl.printer(spec()).print(facts, NodeFactsCommand::table);
		return ExitStatus.OK;
	}

	static String table(NodeFactsResponse facts) {
		Table table = Table.withHeaders("KIND", "NAME", "VALUE");
		rows(table, "label", facts.labels());
		rows(table, "fact", facts.facts());
		rows(table, "error", facts.errors());
		return table.render();
	}

	private static void rows(Table table, String kind, Map<String, String> values) {
		values.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> table.row(kind, entry.getKey(), entry.getValue()));
	}

}
