package io.octoplane.client;

import java.net.http.HttpRequest;
import java.util.StringJoiner;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.TokenListResponse;
import io.octoplane.protocol.api.TokenRequest;
import io.octoplane.protocol.api.TokenResponse;

/** Token calls of an {@link OctoplaneClient}: API tokens and join tokens. */
public final class TokenApi {

	private final Transport transport;

	TokenApi(Transport transport) {
		this.transport = transport;
	}

	/**
	 * Creates a token in the acting workgroup.
	 * @param request role, lifetime, uses and description
	 * @return the token, with its secret (shown only this once)
	 */
	public TokenResponse create(TokenRequest request) {
		byte[] body = this.transport.mapper().writeValueAsBytes(request);
		return this.transport.send(
				this.transport.request(ApiPaths.TOKENS, new StringJoiner("&"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(body)),
				this.transport.requestTimeout(), TokenResponse.class);
	}

	/**
	 * Lists the tokens of the acting workgroup and below, without secrets.
	 * @return the tokens
	 */
	public TokenListResponse list() {
		return this.transport.send(this.transport.request(ApiPaths.TOKENS, new StringJoiner("&")).GET(),
				this.transport.requestTimeout(), TokenListResponse.class);
	}

	/**
	 * Revokes a token at once.
	 * @param id the token's id (not its secret)
	 */
	public void revoke(String id) {
		this.transport.sendNoContent(
				this.transport.request(ApiPaths.TOKEN.replace("{id}", Transport.segment(id)), new StringJoiner("&"))
					.DELETE());
	}

}
