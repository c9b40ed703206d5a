package io.octoplane.protocol.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer of {@code GET /api/v1/nodes/status}, shaped as Octopoda's
 * {@code octl node status}. Nodes that never sent a status are left out. Averages are
 * over the listed nodes and 0 when none is listed.
 *
 * @param nodes status per node, sorted by name
 * @param averageCpuLoad mean 1-minute load average
 * @param averageMemoryUsage mean memory usage, percent
 * @param averageDiskUsage mean disk usage, percent
 */
public record NodeStatusResponse(List<NodeStatusInfo> nodes, @JsonProperty("average_cpuload") double averageCpuLoad,
		@JsonProperty("average_memoryusage") double averageMemoryUsage,
		@JsonProperty("average_diskusage") double averageDiskUsage) {

	public NodeStatusResponse {
		nodes = List.copyOf(nodes);
	}

	/**
	 * Builds the response and its averages from a status list.
	 * @param nodes the statuses
	 * @return the response
	 */
	public static NodeStatusResponse of(List<NodeStatusInfo> nodes) {
		return new NodeStatusResponse(nodes,
				nodes.stream().mapToDouble(NodeStatusInfo::cpuAverage1).average().orElse(0),
				nodes.stream().mapToDouble(NodeStatusInfo::memoryUsage).average().orElse(0),
				nodes.stream().mapToDouble(NodeStatusInfo::diskUsage).average().orElse(0));
	}

}
