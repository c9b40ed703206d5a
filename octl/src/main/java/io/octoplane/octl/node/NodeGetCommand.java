package io.octoplane.octl.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.NodeInfo;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeState;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code octl node get}: lists nodes with their connection state, in Octopoda's JSON
 * shape.
 */
@Command(name = "get",
		description = { "List nodes: name, state (online, unstable, offline), address, version, "
				+ "round-trip delay and last activity, with totals.", "Without names, lists every node." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl node get", "  octl node get -sf online -o table", "  octl node get pi1 pi2" })
public final class NodeGetCommand extends OctlCommand {

	@Option(names = { "-sf", "--state-filter" }, paramLabel = "STATE", converter = StateFilterConverter.class,
			description = "Only nodes in this state: online or offline.")
	private @Nullable NodeState state;

	@Parameters(paramLabel = "NAME", arity = "0..*", description = "Node names (default: all nodes).")
	private List<String> names = new ArrayList<>();

	@Override
	protected int execute(Octl octl) {
		NodeListResponse response = octl.client().nodes(this.names, this.state);
		octl.printer(spec()).print(response, NodeGetCommand::table, NodeGetCommand::wide);
		return ExitStatus.OK;
	}

	static String table(NodeListResponse response) {
		Table table = Table.withHeaders("NAME", "STATE", "ADDR", "VERSION", "DELAY", "LAST_ACTIVE");
		for (NodeInfo node : response.nodes()) {
			String delay = (node.delay() < 0) ? null : String.format(Locale.ROOT, "%.0fms", node.delay());
			table.row(node.name(), node.state().name().toLowerCase(Locale.ROOT), node.addr(), node.version(), delay,
					node.lastActive());
		}
		return table.render();
	}

	static String wide(NodeListResponse response) {
		Table table = Table.withHeaders("NAME", "STATE", "ADDR", "VERSION", "OS", "ARCH", "DELAY", "CLOCK_OFFSET",
				"ONLINE_SINCE", "OFFLINE_SINCE", "LAST_ACTIVE");
		for (NodeInfo node : response.nodes()) {
			String delay = (node.delay() < 0) ? null : String.format(Locale.ROOT, "%.0fms", node.delay());
			table.row(node.name(), node.state().name().toLowerCase(Locale.ROOT), node.addr(), node.version(), node.os(),
					node.arch(), delay, node.clockOffsetMillis() + "ms", node.onlineTime(), node.offlineTime(),
					node.lastActive());
		}
		return table.render();
	}

}
