package io.octoplane.octl.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.NodeLabelsResponse;
import io.octoplane.protocol.selector.InvalidSelectorException;
import io.octoplane.protocol.selector.LabelChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl node label}: sets and removes a node's operator labels, kubectl style, or
 * shows its labels when no change is given.
 */
@Command(name = "label",
		description = { "Set (key=value) and remove (key-) labels of a node, or show its labels.",
				"Operator labels are kept by the brain across reconnects and restarts and override a label of the "
						+ "same key in the node's tentacle.yaml. Keys and values follow Kubernetes' label syntax." },
		footerHeading = "%nExamples:%n", footer = { "  octl node label pi1 site=lab role=camera",
				"  octl node label pi1 role-", "  octl node label pi1" })
public final class NodeLabelCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "NODE", description = "The node.")
	private String name = "";

	@Parameters(index = "1..*", paramLabel = "CHANGE", arity = "0..*",
			description = "key=value to set a label, key- to remove one.")
	private List<String> changes = new ArrayList<>();

	@Override
	protected int execute(Octl octl) {
		NodeLabelsResponse labels;
		if (this.changes.isEmpty()) {
			labels = octl.client().labels().labels(this.name);
		}
		else {
			LabelChange change;
			try {
				change = LabelChange.parse(this.changes);
			}
			catch (InvalidSelectorException ex) {
				throw new ParameterException(spec().commandLine(), ex.getMessage());
			}
			labels = octl.client().labels().label(this.name, change);
		}
		octl.printer(spec()).print(labels, NodeLabelCommand::table);
		return ExitStatus.OK;
	}

	static String table(NodeLabelsResponse labels) {
		Table table = Table.withHeaders("KEY", "VALUE", "SOURCE");
		labels.labels()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> table.row(entry.getKey(), entry.getValue(),
					labels.operator().containsKey(entry.getKey()) ? "operator" : "config"));
		return table.render();
	}

}
