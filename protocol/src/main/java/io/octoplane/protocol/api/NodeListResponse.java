package io.octoplane.protocol.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Answer of {@code GET /api/v1/nodes}, shaped as Octopoda's {@code octl node get}.
 *
 * @param brain the brain that answered
 * @param nodes the nodes, sorted by name
 * @param total number of nodes listed; in a page, of all nodes that match the query
 * @param online number of those that are online or unstable
 * @param offline number of those that are offline
 * @param nextCursor in a page, the cursor that asks for the next one; absent on the last
 * page and in an unpaged listing
 */
public record NodeListResponse(BrainInfo brain, List<NodeInfo> nodes, int total, int online, int offline,
		@JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String nextCursor) {

	public NodeListResponse {
		Objects.requireNonNull(brain, "brain must not be null");
		nodes = List.copyOf(nodes);
	}

	/**
	 * Builds the response and its counters from a node list.
	 * @param brain the answering brain
	 * @param nodes the nodes to list
	 * @return the response
	 */
	public static NodeListResponse of(BrainInfo brain, List<NodeInfo> nodes) {
		int offline = (int) nodes.stream().filter((node) -> node.state() == NodeState.OFFLINE).count();
		return new NodeListResponse(brain, nodes, nodes.size(), nodes.size() - offline, offline, null);
	}

}
