package io.octoplane.brain.security;

import io.octoplane.brain.token.TokenService;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Proves a caller by a bearer API token: unknown, expired and revoked tokens are all bad
 * credentials alike, so an answer says nothing about which tokens exist.
 */
final class ApiTokenAuthenticationProvider implements AuthenticationProvider {

	private final TokenService tokens;

	ApiTokenAuthenticationProvider(TokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		ApiTokenAuthentication offered = (ApiTokenAuthentication) authentication;
		return this.tokens.authenticate((String) offered.getCredentials())
			.map((grant) -> new CallerAuthentication(new Caller("token:" + grant.id(), grant.workgroup(),
					grant.workgroup(), Caller.Kind.TOKEN, offered.source())))
			.orElseThrow(() -> new BadCredentialsException("the API token is unknown, expired or revoked"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiTokenAuthentication.class.isAssignableFrom(authentication);
	}

}
