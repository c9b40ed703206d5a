package io.octoplane.protocol.api;

import java.util.List;

/**
 * Body of {@code PUT /api/v1/workgroup/nodes}: nodes to add to a workgroup (created if it
 * does not exist). Each node must be visible to the caller.
 *
 * @param nodes node names, at least one
 */
public record WorkgroupNodesRequest(List<String> nodes) {

	public WorkgroupNodesRequest {
		nodes = List.copyOf(nodes);
	}

}
