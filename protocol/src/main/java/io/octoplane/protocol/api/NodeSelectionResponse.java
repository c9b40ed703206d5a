package io.octoplane.protocol.api;

import java.util.List;

/**
 * The nodes a target list stands for, as a job would be sent to them now: the answer of
 * {@code GET /api/v1/nodes/selection}, which {@code --dry-run} prints.
 *
 * @param targets the target list as given
 * @param nodes the node names it expands to, in order
 */
public record NodeSelectionResponse(List<String> targets, List<String> nodes) {

	public NodeSelectionResponse {
		targets = List.copyOf(targets);
		nodes = List.copyOf(nodes);
	}

}
