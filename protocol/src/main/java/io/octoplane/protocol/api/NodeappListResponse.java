package io.octoplane.protocol.api;

import java.util.List;

/**
 * Answer of {@code GET /api/v1/nodes/{node}/nodeapps}: the nodeapps on a node, each with
 * its git history.
 *
 * @param nodeapps the nodeapps
 */
public record NodeappListResponse(List<NodeappResponse> nodeapps) {

	public NodeappListResponse {
		nodeapps = List.copyOf(nodeapps);
	}

}
