package io.octoplane.brain.console;

import java.util.Comparator;
import java.util.Locale;

import io.octoplane.protocol.api.NodeInfo;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.protocol.api.NodeStatusInfo;
import org.jspecify.annotations.Nullable;

/**
 * One row of the fleet table: a node as the paged listing shows it, with its latest
 * status. Public because the page's template reads it by reflection.
 *
 * @param node the node
 * @param status its latest status, or {@code null} if it never reported one
 */
public record FleetRow(NodeInfo node, @Nullable NodeStatusInfo status) {

	/**
	 * The style class of the node's state.
	 * @return {@code state-online}, {@code state-unstable} or {@code state-offline}
	 */
	public String stateClass() {
		return "state-" + this.node.state().name().toLowerCase(Locale.ROOT);
	}

	static Comparator<FleetRow> order(String sort) {
		Comparator<FleetRow> byName = Comparator.comparing((row) -> row.node().name());
		return switch (sort) {
			case "state" ->
				Comparator.<FleetRow, NodeState>comparing((row) -> row.node().state()).thenComparing(byName);
			case "cpu" -> Comparator.comparingDouble(FleetRow::load).reversed().thenComparing(byName);
			case "memory" -> Comparator.comparingDouble(FleetRow::memory).reversed().thenComparing(byName);
			case "disk" -> Comparator.comparingDouble(FleetRow::disk).reversed().thenComparing(byName);
			default -> byName;
		};
	}

	private double load() {
		return (this.status != null) ? this.status.cpuAverage1() : -1;
	}

	private double memory() {
		return (this.status != null) ? this.status.memoryUsage() : -1;
	}

	private double disk() {
		return (this.status != null) ? this.status.diskUsage() : -1;
	}

}
