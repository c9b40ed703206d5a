package io.octoplane.octl.node;

import java.util.Locale;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.NodeHistoryPoint;
import io.octoplane.protocol.api.NodeHistoryResponse;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code octl node history}: a node's CPU load, memory and disk use and heartbeat delay
 * over the last hour, day or week, as the brain keeps them.
 */
@Command(name = "history",
		description = { "Show a node's status history: CPU load, memory and disk usage and heartbeat delay, "
				+ "a point a minute for 1h and 24h, a point a quarter hour (averaged) for 7d." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl node history pi1", "  octl node history pi1 --range 7d -o json" })
public final class NodeHistoryCommand extends OctlCommand {

	@Parameters(paramLabel = "NODE", description = "The node.")
	private String name = "";

	@Option(names = { "-r", "--range" }, defaultValue = "1h", paramLabel = "RANGE",
			description = "1h, 24h or 7d (default: ${DEFAULT-VALUE}).")
	private String range = "1h";

	@Override
	protected int execute(Octl octl) {
		NodeHistoryResponse response = octl.client().nodes().history(this.name, this.range);
		octl.printer(spec()).print(response, NodeHistoryCommand::table);
		return ExitStatus.OK;
	}

	static String table(NodeHistoryResponse response) {
		Table table = Table.withHeaders("TIME", "LOAD1", "MEM%", "DISK%", "DELAY_MS");
		for (NodeHistoryPoint point : response.points()) {
			table.row(point.at(), format("%.2f", point.cpuLoad()), format("%.1f", point.memoryUsage()),
					format("%.1f", point.diskUsage()), point.delayMillis());
		}
		return table.render();
	}

	private static @Nullable String format(String pattern, @Nullable Double value) {
		return (value != null) ? String.format(Locale.ROOT, pattern, value) : null;
	}

}
