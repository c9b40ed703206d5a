package io.octoplane.nameserver.security;

import io.octoplane.certs.CertificateRole;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who makes a request, from the certificate checked by {@link RoleFilter}.
 *
 * @param name the certificate's common name
 * @param role the certificate's role
 */
public record Caller(String name, CertificateRole role) {

	static final String ATTRIBUTE = Caller.class.getName();

	/**
	 * The caller of a request that passed the filter.
	 * @param request the request
	 * @return the caller
	 * @throws IllegalStateException if the filter did not run, which would be a wiring
	 * fault and must not be mistaken for an anonymous call
	 */
	public static Caller of(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof Caller caller) {
			return caller;
		}
		throw new IllegalStateException("no authenticated caller on " + request.getRequestURI());
	}

}
