package io.octoplane.octl.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.octoplane.client.NodeQuery;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.SelectorOption;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.NodeInfo;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeState;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl node get}: lists nodes with their connection state, in Octopoda's JSON
 * shape.
 */
@Command(name = "get",
		description = {
				"List nodes: name, state (online, unstable, offline), address, version, "
						+ "round-trip delay and last activity, with totals.",
				"Without names (or with ALL), lists every node of the workgroup; @GROUP stands for a workgroup's "
						+ "nodes, and names, groups and ALL mix." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl node get", "  octl node get -sf online -o table", "  octl node get pi1 pi2",
				"  octl node get ALL -sf unstable", "  octl node get @lab pi9",
				"  octl node get --pattern 'lab-*' -o table",
				"  octl node get --limit 500          # then --cursor with the next_cursor it prints" })
public final class NodeGetCommand extends OctlCommand {

	@Option(names = { "-sf", "--state-filter" }, paramLabel = "STATE", converter = StateFilterConverter.class,
			description = "Only nodes in this state: online (also: ready), unstable (disconn) or offline (dead).")
	private @Nullable NodeState state;

	@Option(names = "--pattern", paramLabel = "GLOB",
			description = "Only nodes whose name matches this glob: * any characters, ? one.")
	private @Nullable String pattern;

	@Option(names = "--limit", paramLabel = "N",
			description = "At most N nodes, a page of a large fleet; the answer's next_cursor asks for the next page.")
	private @Nullable Integer limit;

	@Option(names = "--cursor", paramLabel = "CURSOR",
			description = "Start the page where the previous one ended (its next_cursor).")
	private @Nullable String cursor;

	@Mixin
	private SelectorOption selector = new SelectorOption();

	@Parameters(paramLabel = "TARGET", arity = "0..*",
			description = "Node names, @GROUPs or ALL (default: every node of the workgroup).")
	private List<String> names = new ArrayList<>();

	@Override
	protected int execute(Octl octl) {
		if (this.limit != null && this.limit < 1) {
			throw new ParameterException(spec().commandLine(), "--limit must be at least 1");
		}
		NodeListResponse response = octl.client()
			.nodes()
			.list(new NodeQuery(targets(), this.state, this.pattern, this.limit, this.cursor));
		octl.printer(spec()).print(response, NodeGetCommand::table, NodeGetCommand::wide);
		octl.noteNextPage(spec(), response.nextCursor());
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
				"ONLINE_SINCE", "OFFLINE_SINCE", "LAST_ACTIVE", "GATEWAY");
		for (NodeInfo node : response.nodes()) {
			String delay = (node.delay() < 0) ? null : String.format(Locale.ROOT, "%.0fms", node.delay());
			table.row(node.name(), node.state().name().toLowerCase(Locale.ROOT), node.addr(), node.version(), node.os(),
					node.arch(), delay, node.clockOffsetMillis() + "ms", node.onlineTime(), node.offlineTime(),
					node.lastActive(), node.gateway());
		}
		return table.render();
	}

	private List<String> targets() {
		List<String> targets = new ArrayList<>(this.names);
		targets.addAll(this.selector.targets(spec()));
		return targets;
	}

}
