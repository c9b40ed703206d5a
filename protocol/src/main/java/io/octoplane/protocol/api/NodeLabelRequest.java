package io.octoplane.protocol.api;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An operator's change of a node's labels: the body of {@code PATCH
 * /api/v1/nodes/{name}/labels}. Keys and values follow Kubernetes' label syntax; the
 * brain answers a bad one with {@code invalid-request}.
 *
 * @param set labels to add or overwrite
 * @param remove keys of operator labels to remove (a label of the node's configuration
 * file stays until the file changes)
 */
public record NodeLabelRequest(@Nullable Map<String, String> set, @Nullable List<String> remove) {

	public NodeLabelRequest {
		set = (set != null) ? Map.copyOf(set) : Map.of();
		remove = (remove != null) ? List.copyOf(remove) : List.of();
	}

}
