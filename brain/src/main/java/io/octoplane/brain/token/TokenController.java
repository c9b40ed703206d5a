package io.octoplane.brain.token;

import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.TokenListResponse;
import io.octoplane.protocol.api.TokenRequest;
import io.octoplane.protocol.api.TokenResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code octl token}: tokens of the acting workgroup; the secret is shown only once. */
@RestController
class TokenController {

	private final TokenService tokens;

	TokenController(TokenService tokens) {
		this.tokens = tokens;
	}

	/**
	 * Creates an API token (or a join token that enrolls tentacles) for the acting
	 * workgroup; the secret is in this answer only.
	 */
	@PostMapping(ApiPaths.TOKENS)
	ResponseEntity<TokenResponse> create(@RequestBody TokenRequest request, HttpServletRequest http) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.tokens.create(request, Caller.of(http)));
	}

	/**
	 * Lists the tokens of the acting workgroup and below, without their secrets.
	 */
	@GetMapping(ApiPaths.TOKENS)
	TokenListResponse list(HttpServletRequest http) {
		return new TokenListResponse(this.tokens.list(Caller.of(http)));
	}

	/**
	 * Revokes a token: calls with it are refused from now on.
	 * @param id the token's id
	 */
	@DeleteMapping(ApiPaths.TOKEN)
	ResponseEntity<Void> revoke(@PathVariable String id, HttpServletRequest http) {
		this.tokens.revoke(id, Caller.of(http));
		return ResponseEntity.noContent().build();
	}

}
