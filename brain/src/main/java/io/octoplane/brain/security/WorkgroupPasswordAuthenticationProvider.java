package io.octoplane.brain.security;

import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.server.web.OctoplaneException;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Proves a caller by a workgroup path and its password (checked by the workgroup
 * service's Argon2 encoder): HTTP Basic on the API and the console's login form both end
 * here. A malformed path and a wrong password are the same bad credentials.
 */
final class WorkgroupPasswordAuthenticationProvider implements AuthenticationProvider {

	private final WorkgroupService workgroups;

	WorkgroupPasswordAuthenticationProvider(WorkgroupService workgroups) {
		this.workgroups = workgroups;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String path;
		try {
			path = WorkgroupService.normalize(authentication.getName());
		}
		catch (OctoplaneException ex) {
			throw new BadCredentialsException("wrong workgroup or password");
		}
		Object password = authentication.getCredentials();
		if (!(password instanceof String text) || !this.workgroups.verifyPassword(path, text)) {
			throw new WorkgroupLoginException(path);
		}
		return new CallerAuthentication(new Caller("password:" + path, path, path, Caller.Kind.PASSWORD,
				CallerAuthentication.sourceOf(authentication)));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** A wrong password for a well-formed workgroup path, which the log names. */
	static final class WorkgroupLoginException extends BadCredentialsException {

		private final String path;

		WorkgroupLoginException(String path) {
			super("wrong workgroup or password");
			this.path = path;
		}

		String path() {
			return this.path;
		}

	}

}
