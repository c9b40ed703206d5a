package io.octoplane.client;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.StringJoiner;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.NodeHistoryResponse;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.protocol.api.NodeStatusResponse;
import io.octoplane.protocol.api.PruneResponse;
import org.jspecify.annotations.Nullable;

/**
 * The node registry of an {@link OctoplaneClient}: listings, host metrics and their
 * history, pruning offline nodes and revoking a node. Facts and labels are
 * {@link NodeLabelApi}.
 */
public final class NodeApi {

	private final Transport transport;

	NodeApi(Transport transport) {
		this.transport = transport;
	}

	/**
	 * Lists nodes of the registry ({@code GET /api/v1/nodes}).
	 * @param names node names to list, or empty for all
	 * @param state only nodes in this state, or {@code null} for any state
	 * @return the nodes with counters
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public NodeListResponse list(Collection<String> names, @Nullable NodeState state) {
		return list(NodeQuery.of(names, state));
	}

	/**
	 * Lists the nodes a query selects ({@code GET /api/v1/nodes}), one page of them when
	 * it sets a limit; the answer's {@code nextCursor} then asks for the next.
	 * @param query names, state, name pattern and paging
	 * @return the brain, the nodes and the counts
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public NodeListResponse list(NodeQuery query) {
		return this.transport.send(this.transport.request(ApiPaths.NODES, query.toQuery()).GET(),
				this.transport.requestTimeout(), NodeListResponse.class);
	}

	/**
	 * Reads the latest host metrics of nodes ({@code GET /api/v1/nodes/status}).
	 * @param names node names, or empty for all
	 * @return the statuses with averages
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public NodeStatusResponse status(Collection<String> names) {
		return this.transport.send(this.transport.request(ApiPaths.NODE_STATUS, nameQuery(names)).GET(),
				this.transport.requestTimeout(), NodeStatusResponse.class);
	}

	/**
	 * Reads a node's status history ({@code GET /api/v1/nodes/{name}/history}): a point a
	 * minute for {@code 1h} and {@code 24h}, a point a quarter hour for {@code 7d}.
	 * @param name the node
	 * @param range {@code 1h}, {@code 24h} or {@code 7d}
	 * @return the points, oldest first
	 * @throws OctoplaneApiException with {@code node-not-found} if the node is unknown or
	 * not visible, {@code invalid-request} for another range
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public NodeHistoryResponse history(String name, String range) {
		String path = ApiPaths.NODE_HISTORY.replace("{name}", Transport.segment(name));
		StringJoiner query = new StringJoiner("&");
		query.add("range=" + URLEncoder.encode(range, StandardCharsets.UTF_8));
		return this.transport.send(this.transport.request(path, query).GET(), this.transport.requestTimeout(),
				NodeHistoryResponse.class);
	}

	/**
	 * Removes offline nodes from the registry ({@code DELETE /api/v1/nodes}).
	 * @param names offline nodes to remove, or empty for every offline node
	 * @return the removed node names
	 * @throws OctoplaneApiException with {@code conflict} if a named node is online, or
	 * {@code node-not-found} if one is unknown
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public PruneResponse prune(Collection<String> names) {
		return this.transport.send(this.transport.request(ApiPaths.NODES, nameQuery(names)).DELETE(),
				this.transport.requestTimeout(), PruneResponse.class);
	}

	/**
	 * Revokes a node's certificate and cuts its connection ({@code POST
	 * /api/v1/nodes/{name}/revoke}).
	 * @param name the node
	 * @throws OctoplaneApiException with {@code node-not-found} if the node is unknown or
	 * not visible
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public void revoke(String name) {
		String path = ApiPaths.NODE_REVOKE.replace("{name}", Transport.segment(name));
		this.transport.sendNoContent(
				this.transport.request(path, new StringJoiner("&")).POST(HttpRequest.BodyPublishers.noBody()));
	}

	static StringJoiner nameQuery(Collection<String> names) {
		StringJoiner query = new StringJoiner("&");
		for (String name : names) {
			query.add("name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
		}
		return query;
	}

}
