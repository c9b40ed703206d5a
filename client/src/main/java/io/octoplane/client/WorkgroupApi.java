package io.octoplane.client;

import java.net.http.HttpRequest;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.PasswordRequest;
import io.octoplane.protocol.api.WorkgroupNodesRequest;
import io.octoplane.protocol.api.WorkgroupResponse;
import org.jspecify.annotations.Nullable;

/**
 * Workgroup calls of an {@link OctoplaneClient}. Paths are absolute ({@code /lab/pis}) or
 * relative to the acting workgroup ({@code pis}); anything outside it answers
 * {@code workgroup-not-found}.
 */
public final class WorkgroupApi {

	private final Transport transport;

	WorkgroupApi(Transport transport) {
		this.transport = transport;
	}

	/**
	 * Reads a workgroup: its nodes and children.
	 * @param path the workgroup, or {@code null} for the acting one
	 * @return the workgroup
	 */
	public WorkgroupResponse get(@Nullable String path) {
		return this.transport.send(this.transport.request(ApiPaths.WORKGROUP, query(path)).GET(),
				this.transport.requestTimeout(), WorkgroupResponse.class);
	}

	/**
	 * Adds nodes to a workgroup below the acting one, creating it if needed.
	 * @param path the workgroup
	 * @param nodes nodes the acting workgroup may see
	 * @return the workgroup afterwards
	 */
	public WorkgroupResponse addNodes(String path, Collection<String> nodes) {
		byte[] body = this.transport.mapper().writeValueAsBytes(new WorkgroupNodesRequest(List.copyOf(nodes)));
		return this.transport.send(
				this.transport.request(ApiPaths.WORKGROUP_NODES, query(path))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofByteArray(body)),
				this.transport.requestTimeout(), WorkgroupResponse.class);
	}

	/**
	 * Removes nodes from a workgroup and from everything below it.
	 * @param path the workgroup
	 * @param nodes the nodes
	 * @return the workgroup afterwards
	 */
	public WorkgroupResponse removeNodes(String path, Collection<String> nodes) {
		StringJoiner query = query(path);
		nodes.forEach((node) -> query.add(Transport.param("node", node)));
		return this.transport.send(this.transport.request(ApiPaths.WORKGROUP_NODES, query).DELETE(),
				this.transport.requestTimeout(), WorkgroupResponse.class);
	}

	/**
	 * Deletes a workgroup below the acting one, with everything below it.
	 * @param path the workgroup
	 */
	public void delete(String path) {
		this.transport.sendNoContent(this.transport.request(ApiPaths.WORKGROUP, query(path)).DELETE());
	}

	/**
	 * Sets a workgroup's password. The password is sent once over TLS and never shown.
	 * @param path the workgroup (the acting one or below)
	 * @param password the new password, 12 to 256 characters
	 */
	public void setPassword(String path, String password) {
		byte[] body = this.transport.mapper().writeValueAsBytes(new PasswordRequest(password));
		this.transport.sendNoContent(this.transport.request(ApiPaths.WORKGROUP_PASSWORD, query(path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	private static StringJoiner query(@Nullable String path) {
		StringJoiner query = new StringJoiner("&");
		if (path != null && !path.isBlank()) {
			query.add(Transport.param("path", path));
		}
		return query;
	}

}
