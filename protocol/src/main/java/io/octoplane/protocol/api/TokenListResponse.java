package io.octoplane.protocol.api;

import java.util.List;

/**
 * Answer of {@code GET /api/v1/tokens}: the caller's workgroup's tokens, without secrets.
 *
 * @param tokens the tokens, newest first
 */
public record TokenListResponse(List<TokenResponse> tokens) {

	public TokenListResponse {
		tokens = List.copyOf(tokens);
	}

}
