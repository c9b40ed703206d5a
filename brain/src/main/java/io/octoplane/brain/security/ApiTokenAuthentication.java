package io.octoplane.brain.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A bearer API token as offered, before {@link ApiTokenAuthenticationProvider} checks it.
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private final String secret;

	private final String source;

	ApiTokenAuthentication(String secret, String source) {
		super(List.of());
		this.secret = secret;
		this.source = source;
	}

	String source() {
		return this.source;
	}

	@Override
	public Object getCredentials() {
		return this.secret;
	}

	@Override
	public Object getPrincipal() {
		return "token";
	}

}
