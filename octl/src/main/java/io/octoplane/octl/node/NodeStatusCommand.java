package io.octoplane.octl.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.SelectorOption;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.NodeStatusInfo;
import io.octoplane.protocol.api.NodeStatusResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code octl node status}: the host metrics each node sent with its last heartbeat.
 */
@Command(name = "status",
		description = {
				"Show each node's host metrics from its last heartbeat: platform, CPU cores, "
						+ "load averages, memory and disk usage, uptime, with fleet averages.",
				"Nodes that never reported a status are left out. 'brain' is the brain's own host, sampled now; "
						+ "@GROUP and ALL stand for nodes as in 'node get'." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl node status", "  octl node status pi1 pi2 -o table", "  octl node status brain",
				"  octl node status brain @lab -o table", "  octl node status -l site=lab" })
public final class NodeStatusCommand extends OctlCommand {

	@Mixin
	private SelectorOption selector = new SelectorOption();

	@Parameters(paramLabel = "TARGET", arity = "0..*",
			description = "Node names, @GROUPs, ALL or brain (default: every node of the workgroup).")
	private List<String> names = new ArrayList<>();

	@Override
	protected int execute(Octl octl) {
		List<String> targets = new ArrayList<>(this.names);
		targets.addAll(this.selector.targets(spec()));
		NodeStatusResponse response = octl.client().nodes().status(targets);
		octl.printer(spec()).print(response, NodeStatusCommand::table);
		return ExitStatus.OK;
	}

	static String table(NodeStatusResponse response) {
		Table table = Table.withHeaders("NAME", "CPU", "LOAD1", "MEM%", "DISK%", "UPTIME");
		for (NodeStatusInfo node : response.nodes()) {
			String load = (node.cpuAverage1() < 0) ? null : String.format(Locale.ROOT, "%.2f", node.cpuAverage1());
			table.row(node.name(), node.cpuCores(), load, String.format(Locale.ROOT, "%.1f", node.memoryUsage()),
					String.format(Locale.ROOT, "%.1f", node.diskUsage()), uptime(node.uptimeSeconds()));
		}
		return table.render();
	}

	private static String uptime(long seconds) {
		Duration uptime = Duration.ofSeconds(seconds);
		if (uptime.toDays() > 0) {
			return uptime.toDays() + "d" + uptime.toHoursPart() + "h";
		}
		if (uptime.toHours() > 0) {
			return uptime.toHours() + "h" + uptime.toMinutesPart() + "m";
		}
		return uptime.toMinutes() + "m" + uptime.toSecondsPart() + "s";
	}

}
