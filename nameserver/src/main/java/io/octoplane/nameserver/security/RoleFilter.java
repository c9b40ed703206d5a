package io.octoplane.nameserver.security;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.octoplane.certs.CertificateRole;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.server.security.Callers;
import io.octoplane.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request through only with a client certificate whose role fits it: anyone of the
 * fleet (node, operator, brain, nameserver) may read the registry, only services (brain,
 * nameserver) and operators may change it. The CA alone is not enough: it also signs
 * certificates that must not register a fake brain. Every change, and every refusal, is
 * audited.
 *
 * <p>
 * It runs in Spring Security's chain of the registry port ({@link SecurityConfiguration})
 * and guards every request on it rather than matching paths, so no path variant can slip
 * past; health lives on the management port. The caller it lets through is the chain's
 * authentication, with its role as the one authority.
 */
class RoleFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(RoleFilter.class);

	private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");

	private static final Set<CertificateRole> WRITERS = Set.of(CertificateRole.BRAIN, CertificateRole.NAMESERVER,
			CertificateRole.OPERATOR);

	private final AuditTrail audit;

	private final ProblemWriter problems;

	RoleFilter(AuditTrail audit, ProblemWriter problems) {
		this.audit = audit;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean read = READ_METHODS.contains(request.getMethod());
		Object attribute = request.getAttribute("jakarta.servlet.request.X509Certificate");
		if (!(attribute instanceof X509Certificate[] certificates) || certificates.length == 0) {
			refuse(request, response, "anonymous", ErrorCode.UNAUTHENTICATED,
					"a client certificate of the fleet's CA is required");
			return;
		}
		Optional<CertificateRole> role = CertificateRole.of(certificates[0]);
		String name = commonName(certificates[0]);
		if (role.isEmpty() || (!read && !WRITERS.contains(role.get()))) {
			logger.warn("Refused {} {} from {} with a {} certificate ({})", request.getMethod(),
					request.getRequestURI(), request.getRemoteAddr(), role.map(CertificateRole::ou).orElse("role-less"),
					name);
			refuse(request, response, name, ErrorCode.FORBIDDEN,
					"a certificate with role " + role.map(CertificateRole::ou).orElse("none") + " may not "
							+ (read ? "read" : "change") + " the registry");
			return;
		}
		Callers.set(request, new Caller(name, role.get(), request.getRemoteAddr()));
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new PreAuthenticatedAuthenticationToken(name, certificates[0],
				List.of(new SimpleGrantedAuthority("ROLE_" + role.get().name()))));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (!read) {
				this.audit.record(name, request.getRemoteAddr(), request.getMethod() + " " + request.getRequestURI(),
						response.getStatus());
			}
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String caller, ErrorCode code,
			String detail) throws IOException {
		this.problems.write(request, response, code, detail);
		this.audit.record(caller, request.getRemoteAddr(), request.getMethod() + " " + request.getRequestURI(),
				code.httpStatus());
	}

	private static String commonName(X509Certificate certificate) {
		try {
			return CertificateRole.commonName(certificate);
		}
		catch (IllegalArgumentException ex) {
			return certificate.getSubjectX500Principal().getName();
		}
	}

}
