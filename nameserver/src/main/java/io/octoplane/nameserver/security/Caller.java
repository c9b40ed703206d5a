package io.octoplane.nameserver.security;

import io.octoplane.certs.CertificateRole;
import io.octoplane.server.security.CallerIdentity;
import io.octoplane.server.security.Callers;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who makes a request, from the certificate checked by {@link RoleFilter}.
 *
 * @param name the certificate's common name
 * @param role the certificate's role
 * @param source the caller's address
 */
public record Caller(String name, CertificateRole role, String source) implements CallerIdentity {

	/**
	 * The caller of a request that passed the filter.
	 * @param request the request
	 * @return the caller
	 * @throws IllegalStateException if the filter did not run, which would be a wiring
	 * fault and must not be mistaken for an anonymous call
	 */
	public static Caller of(HttpServletRequest request) {
		return Callers.of(request, Caller.class);
	}

}
