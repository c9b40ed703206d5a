package io.octoplane.brain.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.octoplane.brain.audit.AuditLog;
import io.octoplane.brain.metrics.RefusalReason;
import io.octoplane.brain.metrics.Refusals;
import io.octoplane.brain.token.TokenGrant;
import io.octoplane.brain.token.TokenService;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.certs.CertificateRole;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.AuditEntry;
import io.octoplane.server.security.Callers;
import io.octoplane.server.web.OctoplaneException;
import io.octoplane.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Establishes who calls the REST API, in which workgroup the call acts, and whether it
 * may go ahead now; then records mutating calls in the audit trail.
 *
 * <p>
 * Credentials, in this order: an {@code Authorization} header (HTTP Basic with a
 * workgroup path and its password, or a bearer API token), else a client certificate of
 * the operator role (which acts as the root workgroup). A node's or a server's
 * certificate alone gets 403: the CA signed it, but not for this. Failed logins are
 * throttled per source address before any password is even checked, and every caller has
 * a request rate.
 *
 * <p>
 * It guards every request on the API port rather than matching paths, because path
 * matching here and in the dispatcher could disagree ({@code /api;x/v1/...},
 * percent-encoding). The one exception, enrollment, is matched on the exact raw URI so no
 * variant can slip through; health and metrics live on the management port.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiAuthenticationFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(ApiAuthenticationFilter.class);

	private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private final WorkgroupService workgroups;

	private final TokenService tokens;

	private final AuditLog audit;

	private final ProblemWriter problems;

	private final Clock clock;

	private final RateLimiter requests;

	private final RateLimiter failedLogins;

	private final Refusals refusals;

	private final MeterRegistry registry;

	ApiAuthenticationFilter(WorkgroupService workgroups, TokenService tokens, AuditLog audit, ProblemWriter problems,
			SecurityProperties properties, Clock clock, Refusals refusals, MeterRegistry registry,
			StringRedisTemplate redis) {
		this.workgroups = workgroups;
		this.tokens = tokens;
		this.audit = audit;
		this.problems = problems;
		this.clock = clock;
		this.requests = new RateLimiter("requests", properties.requestsPerSecond(), properties.burst(), clock, redis);
		this.failedLogins = new RateLimiter("failed-logins", properties.failedLoginsPerMinute() / 60.0,
				properties.failedLoginsPerMinute(), clock, redis);
		this.refusals = refusals;
		this.registry = registry;
		for (String method : new String[] { "basic", "token", "certificate", "none", "other", "enrollment" }) {
			authFailures(method);
		}
	}

	/** Failed authentications by the kind of credential offered. */
	private Counter authFailures(String method) {
		return Counter.builder("octoplane.auth.failures")
			.description("Failed authentications on the REST API, by credential kind")
			.tag("method", method)
			.register(this.registry);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String source = request.getRemoteAddr();
		if ("POST".equals(request.getMethod()) && ApiPaths.ENROLL.equals(request.getRequestURI())) {
			enroll(request, response, chain, source);
			return;
		}
		Caller caller;
		try {
			caller = authenticate(request, source);
		}
		catch (Refusal refusal) {
			refuse(request, response, refusal, source);
			return;
		}
		long wait = this.requests.acquire(caller.name());
		if (wait > 0) {
			this.refusals.count(RefusalReason.REQUEST_RATE);
			response.setHeader("Retry-After", Long.toString(wait));
			this.problems.write(request, response, ErrorCode.TOO_MANY_REQUESTS,
					"too many requests from " + caller.name() + "; retry in " + wait + " s");
			return;
		}
		Callers.set(request, caller);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (!READ_METHODS.contains(request.getMethod())) {
				record(request, caller.name(), caller.workgroup(), source, response.getStatus());
			}
		}
	}

	private void enroll(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String source)
			throws IOException, ServletException {
		long wait = this.failedLogins.peek(source);
		if (wait > 0) {
			this.refusals.count(RefusalReason.LOGIN_THROTTLE);
			response.setHeader("Retry-After", Long.toString(wait));
			this.problems.write(request, response, ErrorCode.TOO_MANY_REQUESTS,
					"too many failed enrollments from " + source + "; retry in " + wait + " s");
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (response.getStatus() == 401) {
				authFailures("enrollment").increment();
				this.failedLogins.acquire(source);
			}
			record(request, "enrollment", WorkgroupService.ROOT, source, response.getStatus());
		}
	}

	private Caller authenticate(HttpServletRequest request, String source) throws Refusal {
		String authorization = request.getHeader("Authorization");
		Caller caller;
		if (authorization != null) {
			throttle(source);
			caller = fromAuthorization(authorization, source);
		}
		else {
			caller = fromCertificate(request, source);
		}
		String acting = request.getHeader(ApiPaths.WORKGROUP_HEADER);
		if (acting == null || acting.isBlank()) {
			return caller;
		}
		String path;
		try {
			path = WorkgroupService.resolve(caller.home(), acting);
		}
		catch (OctoplaneException ex) {
			throw new Refusal(ex.code(), ex.getMessage());
		}
		if (!WorkgroupService.isSameOrBelow(path, caller.home()) || !this.workgroups.exists(path)) {
			throw new Refusal(ErrorCode.WORKGROUP_NOT_FOUND, "no such workgroup: " + path);
		}
		return new Caller(caller.name(), caller.home(), path, caller.kind(), source);
	}

	private Caller fromAuthorization(String authorization, String source) throws Refusal {
		if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			Optional<TokenGrant> grant = this.tokens.authenticate(authorization.substring(7).trim());
			if (grant.isEmpty()) {
				throw failedLogin("the API token is unknown, expired or revoked", "token", "token", source);
			}
			return new Caller("token:" + grant.get().id(), grant.get().workgroup(), grant.get().workgroup(),
					Caller.Kind.TOKEN, source);
		}
		if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			String decoded;
			try {
				decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				throw failedLogin("malformed Basic credentials", "basic", "basic", source);
			}
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				throw failedLogin("malformed Basic credentials", "basic", "basic", source);
			}
			String path;
			try {
				path = WorkgroupService.normalize(decoded.substring(0, colon));
			}
			catch (OctoplaneException ex) {
				throw failedLogin("wrong workgroup or password", "basic", "basic", source);
			}
			if (!this.workgroups.verifyPassword(path, decoded.substring(colon + 1))) {
				throw failedLogin("wrong workgroup or password", "basic", path, source);
			}
			return new Caller("password:" + path, path, path, Caller.Kind.PASSWORD, source);
		}
		throw failedLogin("unsupported Authorization scheme; use Basic or Bearer", "other", "other", source);
	}

	private Caller fromCertificate(HttpServletRequest request, String source) throws Refusal {
		Object attribute = request.getAttribute("jakarta.servlet.request.X509Certificate");
		if (!(attribute instanceof X509Certificate[] chain) || chain.length == 0) {
			authFailures("none").increment();
			throw new Refusal(ErrorCode.UNAUTHENTICATED,
					"credentials required: an operator certificate, a workgroup password or an API token");
		}
		Optional<CertificateRole> role = CertificateRole.of(chain[0]);
		if (role.isEmpty() || role.get() != CertificateRole.OPERATOR) {
			logger.warn("Refused REST call {} {} from {} with a {} certificate ({})", request.getMethod(),
					request.getRequestURI(), source, role.map(CertificateRole::ou).orElse("role-less"),
					chain[0].getSubjectX500Principal().getName());
			authFailures("certificate").increment();
			throw new Refusal(ErrorCode.FORBIDDEN, "only operator certificates may call the API; this one has role "
					+ role.map(CertificateRole::ou).orElse("none"));
		}
		return new Caller(CertificateRole.commonName(chain[0]), WorkgroupService.ROOT, WorkgroupService.ROOT,
				Caller.Kind.CERTIFICATE, source);
	}

	private void throttle(String source) throws Refusal {
		long wait = this.failedLogins.peek(source);
		if (wait > 0) {
			this.refusals.count(RefusalReason.LOGIN_THROTTLE);
			throw new Refusal(ErrorCode.TOO_MANY_REQUESTS,
					"too many failed logins from " + source + "; retry in " + wait + " s", wait);
		}
	}

	private Refusal failedLogin(String detail, String method, String who, String source) {
		authFailures(method).increment();
		this.failedLogins.acquire(source);
		logger.warn("Failed login ({}) from {}", who, source);
		return new Refusal(ErrorCode.UNAUTHENTICATED, detail);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, Refusal refusal, String source)
			throws IOException {
		if (refusal.code == ErrorCode.UNAUTHENTICATED) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"octoplane\", charset=\"UTF-8\"");
		}
		if (refusal.retryAfterSeconds > 0) {
			response.setHeader("Retry-After", Long.toString(refusal.retryAfterSeconds));
		}
		this.problems.write(request, response, refusal.code, refusal.getMessage());
		record(request, "anonymous", WorkgroupService.ROOT, source, refusal.code.httpStatus());
	}

	private void record(HttpServletRequest request, String caller, String workgroup, String source, int status) {
		this.audit.record(new AuditEntry(this.clock.instant(), caller, workgroup, source,
				request.getMethod() + " " + request.getRequestURI(), AuditTargets.of(request), status,
				AuditTargets.detailOf(request)));
	}

	/** Why a request is turned away before it reaches a controller. */
	private static final class Refusal extends Exception {

		private final ErrorCode code;

		private final long retryAfterSeconds;

		Refusal(ErrorCode code, String detail) {
			this(code, detail, 0);
		}

		Refusal(ErrorCode code, String detail, long retryAfterSeconds) {
			super(detail, null, false, false);
			this.code = code;
			this.retryAfterSeconds = retryAfterSeconds;
		}

	}

}
