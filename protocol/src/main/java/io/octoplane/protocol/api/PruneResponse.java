package io.octoplane.protocol.api;

import java.util.List;

/**
 * Answer of {@code DELETE /api/v1/nodes}: offline nodes removed from the registry.
 *
 * @param pruned names of the removed nodes, sorted
 */
public record PruneResponse(List<String> pruned) {

	public PruneResponse {
		pruned = List.copyOf(pruned);
	}

}
