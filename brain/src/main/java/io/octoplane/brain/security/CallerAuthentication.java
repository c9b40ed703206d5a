package io.octoplane.brain.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * A proven {@link Caller} as Spring Security holds it: what every authentication provider
 * of the brain returns, for the REST API and the console alike. Its one authority names
 * the credential kind ({@code ROLE_CERTIFICATE}, {@code ROLE_PASSWORD},
 * {@code ROLE_TOKEN}); the workgroup, not a role, decides what a caller sees.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

	private final Caller caller;

	CallerAuthentication(Caller caller) {
		super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.kind().name())));
		this.caller = caller;
		setAuthenticated(true);
	}

	/**
	 * The caller.
	 * @return who proved to be calling
	 */
	public Caller caller() {
		return this.caller;
	}

	@Override
	public Caller getPrincipal() {
		return this.caller;
	}

	@Override
	public Object getCredentials() {
		// Never kept: a session or a log line must not carry a password or token.
		return "";
	}

	@Override
	public String getName() {
		return this.caller.name();
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof CallerAuthentication that) && this.caller.equals(that.caller);
	}

	@Override
	public int hashCode() {
		return this.caller.hashCode();
	}

	/**
	 * The address a credential was presented from: the remote address of a web request
	 * (the login form, a certificate), or the source the API filter attached to the
	 * token.
	 * @param authentication the credential being checked
	 * @return the address, or {@code unknown}
	 */
	static String sourceOf(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) {
			return details.getRemoteAddress();
		}
		return (authentication.getDetails() instanceof String source) ? source : "unknown";
	}

}
