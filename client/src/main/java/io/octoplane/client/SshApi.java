package io.octoplane.client;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.StringJoiner;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.SshLogin;
import io.octoplane.protocol.api.SshLoginListResponse;

/**
 * SSH login calls of an {@link OctoplaneClient}: the acting workgroup's named logins
 * (node, user, port), never a secret.
 */
public final class SshApi {

	private final Transport transport;

	SshApi(Transport transport) {
		this.transport = transport;
	}

	/**
	 * Stores a login, replacing one of the same name.
	 * @param login the login
	 * @return the stored login
	 * @throws OctoplaneApiException with {@code node-not-found} or
	 * {@code invalid-request}
	 */
	public SshLogin save(SshLogin login) {
		byte[] body = this.transport.mapper().writeValueAsBytes(login);
		return this.transport.send(
				this.transport.request(path(login.name()), new StringJoiner("&"))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofByteArray(body)),
				this.transport.requestTimeout(), SshLogin.class);
	}

	/**
	 * Reads one login.
	 * @param name its name
	 * @return the login
	 * @throws OctoplaneApiException with {@code not-found} if there is none
	 */
	public SshLogin get(String name) {
		return this.transport.send(this.transport.request(path(name), new StringJoiner("&")).GET(),
				this.transport.requestTimeout(), SshLogin.class);
	}

	/**
	 * Lists the logins, by name.
	 * @return the logins
	 */
	public SshLoginListResponse list() {
		return list(List.of());
	}

	/**
	 * Lists the logins of some nodes, by name.
	 * @param targets node names, {@code @group}s or {@code ALL}; empty for every login
	 * @return the logins
	 * @throws OctoplaneApiException with {@code invalid-request} if a group has no nodes
	 */
	public SshLoginListResponse list(List<String> targets) {
		StringJoiner query = new StringJoiner("&");
		targets.forEach((target) -> query.add(Transport.param("node", target)));
		return this.transport.send(this.transport.request(ApiPaths.SSH_LOGINS, query).GET(),
				this.transport.requestTimeout(), SshLoginListResponse.class);
	}

	/**
	 * Deletes a login.
	 * @param name its name
	 * @throws OctoplaneApiException with {@code not-found} if there is none
	 */
	public void delete(String name) {
		this.transport.sendNoContent(this.transport.request(path(name), new StringJoiner("&")).DELETE());
	}

	private static String path(String name) {
		return ApiPaths.SSH_LOGIN.replace("{name}", Transport.segment(name));
	}

}
