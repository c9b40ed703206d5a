package io.octoplane.brain.security;

import java.security.cert.X509Certificate;
import java.util.Optional;

import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.certs.CertificateRole;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Proves a caller by the client certificate of the TLS connection, which the CA signed:
 * only the operator role may call (as the root workgroup). A node's or a server's
 * certificate is {@link WrongRoleException refused for its role}, which the API answers
 * 403 rather than 401.
 */
final class OperatorCertificateAuthenticationProvider implements AuthenticationProvider {

	@Override
	public Authentication authenticate(Authentication authentication) {
		X509Certificate certificate = (X509Certificate) authentication.getCredentials();
		Optional<CertificateRole> role = CertificateRole.of(certificate);
		if (role.isEmpty() || role.get() != CertificateRole.OPERATOR) {
			throw new WrongRoleException(role.map(CertificateRole::ou).orElse(null), certificate);
		}
		return new CallerAuthentication(new Caller(CertificateRole.commonName(certificate), WorkgroupService.ROOT,
				WorkgroupService.ROOT, Caller.Kind.CERTIFICATE, CallerAuthentication.sourceOf(authentication)));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return PreAuthenticatedAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** A certificate the CA signed, but for another role than operator. */
	static final class WrongRoleException extends AuthenticationException {

		private final String role;

		private final transient X509Certificate certificate;

		WrongRoleException(@Nullable String role, X509Certificate certificate) {
			super("only operator certificates may call the API; this one has role " + ((role != null) ? role : "none"));
			this.role = (role != null) ? role : "role-less";
			this.certificate = certificate;
		}

		String role() {
			return this.role;
		}

		X509Certificate certificate() {
			return this.certificate;
		}

	}

}
