package io.octoplane.brain.security;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import io.octoplane.brain.audit.AuditLog;
import io.octoplane.brain.security.WorkgroupPasswordAuthenticationProvider.WorkgroupLoginException;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.api.AuditEntry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's login form under the same rules as the API's Basic credentials: a source
 * past its failed-login allowance is sent back to the form before its password is
 * checked, and every failure counts against the allowance and is audited.
 */
final class ConsoleLogins implements AuthenticationFailureHandler {

	private static final String LOGIN = "/ui/login";

	private final LoginThrottle logins;

	private final AuditLog audit;

	private final Clock clock;

	ConsoleLogins(LoginThrottle logins, AuditLog audit, Clock clock) {
		this.logins = logins;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String who = (exception instanceof WorkgroupLoginException login) ? login.path() : "form";
		this.logins.failed("form", who, request.getRemoteAddr());
		record(request, 401);
		response.sendRedirect(request.getContextPath() + LOGIN + "?error");
	}

	/**
	 * The filter that turns away login attempts from a throttled source.
	 * @return the filter, for the console chain before the form login
	 */
	OncePerRequestFilter throttle() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if ("POST".equals(request.getMethod())
						&& (request.getContextPath() + LOGIN).equals(request.getRequestURI())) {
					long wait = ConsoleLogins.this.logins.waitFor(request.getRemoteAddr());
					if (wait > 0) {
						record(request, 429);
						response.setHeader("Retry-After", Long.toString(wait));
						response.sendRedirect(request.getContextPath() + LOGIN + "?throttled");
						return;
					}
				}
				chain.doFilter(request, response);
			}

		};
	}

	private void record(HttpServletRequest request, int status) {
		this.audit.record(new AuditEntry(this.clock.instant(), "anonymous", WorkgroupService.ROOT,
				request.getRemoteAddr(), "POST " + request.getRequestURI(), List.of(), status, "console login"));
	}

}
