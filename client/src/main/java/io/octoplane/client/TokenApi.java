package io.octoplane.client;

import java.net.http.HttpRequest;
import java.util.StringJoiner;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.TokenListResponse;
import io.octoplane.protocol.api.TokenRequest;
import io.octoplane.protocol.api.TokenResponse;

/** Token calls of an {@link OctoplaneClient}: API tokens and join tokens. */
public final class TokenApi {

	private final OctoplaneClient client;

	TokenApi(OctoplaneClient client) {
		this.client = client;
	}

	/**
	 * Creates a token in the acting workgroup.
	 * @param request role, lifetime, uses and description
	 * @return the token, with its secret (shown only this once)
	 */
	public TokenResponse create(TokenRequest request) {
		byte[] body = this.client.mapper().writeValueAsBytes(request);
		return this.client.send(
				this.client.request(ApiPaths.TOKENS, new StringJoiner("&"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(body)),
				this.client.requestTimeout(), TokenResponse.class);
	}

	/**
	 * Lists the tokens of the acting workgroup and below, without secrets.
	 * @return the tokens
	 */
	public TokenListResponse list() {
		return this.client.send(this.client.request(ApiPaths.TOKENS, new StringJoiner("&")).GET(),
				this.client.requestTimeout(), TokenListResponse.class);
	}

	/**
	 * Revokes a token at once.
	 * @param id the token's id (not its secret)
	 */
	public void revoke(String id) {
		this.client.sendNoContent(
				this.client.request(ApiPaths.TOKEN.replace("{id}", OctoplaneClient.segment(id)), new StringJoiner("&"))
					.DELETE());
	}

}
