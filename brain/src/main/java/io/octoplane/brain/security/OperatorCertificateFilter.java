package io.octoplane.brain.security;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.octoplane.certs.CertificateRole;
import io.octoplane.protocol.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits a REST call only with a client certificate of the operator role. TLS has already
 * verified the chain; this checks what the certificate is for, so a node's or the brain's
 * own certificate (signed by the same CA) cannot drive the fleet.
 *
 * <p>
 * It guards every request on the API port rather than matching paths: path matching in a
 * filter and in the dispatcher can disagree ({@code /api;x/v1/...}, percent-encoding),
 * and the one thing that must not happen is a request the filter skipped reaching a
 * controller. Health and metrics live on the separate management port.
 */
@Component
class OperatorCertificateFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(OperatorCertificateFilter.class);

	static final String OPERATOR_ATTRIBUTE = "octoplane.operator";

	private final JsonMapper json;

	OperatorCertificateFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<X509Certificate> certificate = clientCertificate(request);
		if (certificate.isEmpty()) {
			refuse(request, response, ErrorCode.UNAUTHENTICATED,
					"a client certificate of the operator role is required");
			return;
		}
		Optional<CertificateRole> role = CertificateRole.of(certificate.get());
		if (role.isEmpty() || role.get() != CertificateRole.OPERATOR) {
			logger.warn("Refused REST call {} {} with a {} certificate ({})", request.getMethod(),
					request.getRequestURI(), role.map(CertificateRole::ou).orElse("role-less"),
					certificate.get().getSubjectX500Principal().getName());
			refuse(request, response, ErrorCode.FORBIDDEN,
					"only operator certificates may call the API; this one has role "
							+ role.map(CertificateRole::ou).orElse("none"));
			return;
		}
		request.setAttribute(OPERATOR_ATTRIBUTE, CertificateRole.commonName(certificate.get()));
		chain.doFilter(request, response);
	}

	private static Optional<X509Certificate> clientCertificate(HttpServletRequest request) {
		Object attribute = request.getAttribute("jakarta.servlet.request.X509Certificate");
		if (attribute instanceof X509Certificate[] chain && chain.length > 0) {
			return Optional.of(chain[0]);
		}
		return Optional.empty();
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
			throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", code.typeUri());
		problem.put("title", (code == ErrorCode.FORBIDDEN) ? "Forbidden" : "Unauthorized");
		problem.put("status", code.httpStatus());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		problem.put("code", code.slug());
		response.setStatus(code.httpStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
