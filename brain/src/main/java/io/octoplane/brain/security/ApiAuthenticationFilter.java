package io.octoplane.brain.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;

import io.octoplane.brain.audit.AuditLog;
import io.octoplane.brain.metrics.RefusalReason;
import io.octoplane.brain.metrics.Refusals;
import io.octoplane.brain.security.OperatorCertificateAuthenticationProvider.WrongRoleException;
import io.octoplane.brain.security.WorkgroupPasswordAuthenticationProvider.WorkgroupLoginException;
import io.octoplane.brain.workgroup.WorkgroupService;
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

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The REST API's place in Spring Security's filter chain: turns the credentials of a
 * request into an {@link Authentication} for the brain's providers, decides in which
 * workgroup the call acts and whether it may go ahead now, then records mutating calls in
 * the audit trail.
 *
 * <p>
 * Credentials, in this order: an {@code Authorization} header (HTTP Basic with a
 * workgroup path and its password, or a bearer API token), else a client certificate of
 * the operator role (which acts as the root workgroup). A node's or a server's
 * certificate alone gets 403: the CA signed it, but not for this. Failed logins are
 * throttled per source address before any password is even checked, and every caller has
 * a request rate. Refusals are problem documents, as every other API error.
 *
 * <p>
 * It guards every request of the API chain rather than matching paths, because path
 * matching here and in the dispatcher could disagree ({@code /api;x/v1/...},
 * percent-encoding). The one exception, enrollment, is matched on the exact raw URI so no
 * variant can slip through.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(ApiAuthenticationFilter.class);

	private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private final AuthenticationManager authentication;

	private final WorkgroupService workgroups;

	private final AuditLog audit;

	private final ProblemWriter problems;

	private final Clock clock;

	private final RateLimiter requests;

	private final LoginThrottle logins;

	private final Refusals refusals;

	ApiAuthenticationFilter(AuthenticationManager authentication, WorkgroupService workgroups, AuditLog audit,
			ProblemWriter problems, SecurityProperties properties, Clock clock, LoginThrottle logins, Refusals refusals,
			StringRedisTemplate redis) {
		this.authentication = authentication;
		this.workgroups = workgroups;
		this.audit = audit;
		this.problems = problems;
		this.clock = clock;
		this.requests = new RateLimiter("requests", properties.requestsPerSecond(), properties.burst(), clock, redis);
		this.logins = logins;
		this.refusals = refusals;
	}

	/**
	 * Whether a request is an enrollment, the one API call without credentials.
	 * @param request the request
	 * @return true for exactly {@code POST /api/v1/enroll}, on the raw URI
	 */
	static boolean isEnrollment(HttpServletRequest request) {
		return "POST".equals(request.getMethod()) && ApiPaths.ENROLL.equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String source = request.getRemoteAddr();
		if (isEnrollment(request)) {
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
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new CallerAuthentication(caller));
		SecurityContextHolder.setContext(context);
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
		long wait = this.logins.waitFor(source);
		if (wait > 0) {
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
				this.logins.failed("enrollment", "enrollment", source);
			}
			record(request, "enrollment", WorkgroupService.ROOT, source, response.getStatus());
		}
	}

	private Caller authenticate(HttpServletRequest request, String source) throws Refusal {
		String authorization = request.getHeader("Authorization");
		Caller caller;
		if (authorization != null) {
			long wait = this.logins.waitFor(source);
			if (wait > 0) {
				throw new Refusal(ErrorCode.TOO_MANY_REQUESTS,
						"too many failed logins from " + source + "; retry in " + wait + " s", wait);
			}
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
			return login(new ApiTokenAuthentication(authorization.substring(7).trim(), source), "token", source);
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
			UsernamePasswordAuthenticationToken offered = UsernamePasswordAuthenticationToken
				.unauthenticated(decoded.substring(0, colon), decoded.substring(colon + 1));
			offered.setDetails(source);
			return login(offered, "basic", source);
		}
		throw failedLogin("unsupported Authorization scheme; use Basic or Bearer", "other", "other", source);
	}

	private Caller login(Authentication offered, String method, String source) throws Refusal {
		try {
			return ((CallerAuthentication) this.authentication.authenticate(offered)).caller();
		}
		catch (WorkgroupLoginException ex) {
			throw failedLogin(ex.getMessage(), method, ex.path(), source);
		}
		catch (AuthenticationException ex) {
			throw failedLogin(ex.getMessage(), method, method, source);
		}
	}

	private Caller fromCertificate(HttpServletRequest request, String source) throws Refusal {
		Object attribute = request.getAttribute("jakarta.servlet.request.X509Certificate");
		if (!(attribute instanceof X509Certificate[] chain) || chain.length == 0) {
			this.logins.refused("none");
			throw new Refusal(ErrorCode.UNAUTHENTICATED,
					"credentials required: an operator certificate, a workgroup password or an API token");
		}
		PreAuthenticatedAuthenticationToken offered = new PreAuthenticatedAuthenticationToken("certificate", chain[0]);
		offered.setDetails(source);
		try {
			return ((CallerAuthentication) this.authentication.authenticate(offered)).caller();
		}
		catch (WrongRoleException ex) {
			logger.warn("Refused REST call {} {} from {} with a {} certificate ({})", request.getMethod(),
					request.getRequestURI(), source, ex.role(), ex.certificate().getSubjectX500Principal().getName());
			this.logins.refused("certificate");
			throw new Refusal(ErrorCode.FORBIDDEN, ex.getMessage());
		}
		catch (AuthenticationException ex) {
			this.logins.refused("certificate");
			throw new Refusal(ErrorCode.FORBIDDEN, ex.getMessage());
		}
	}

	private Refusal failedLogin(String detail, String method, String who, String source) {
		this.logins.failed(method, who, source);
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
