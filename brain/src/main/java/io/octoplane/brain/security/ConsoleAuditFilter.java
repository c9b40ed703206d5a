package io.octoplane.brain.security;

import java.io.IOException;
import java.time.Clock;
import java.util.Set;

import io.octoplane.brain.audit.AuditLog;
import io.octoplane.protocol.api.AuditEntry;
import io.octoplane.server.security.Callers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the signed-in console user the {@link Caller} of the request, as the API filter
 * does, and records the console's mutating requests (run, cancel, revoke...) in the same
 * audit trail as the API's.
 */
final class ConsoleAuditFilter extends OncePerRequestFilter {

	private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private final AuditLog audit;

	private final Clock clock;

	ConsoleAuditFilter(AuditLog audit, Clock clock) {
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof CallerAuthentication signedIn)) {
			chain.doFilter(request, response);
			return;
		}
		Caller caller = new Caller(signedIn.caller().name(), signedIn.caller().home(), signedIn.caller().workgroup(),
				signedIn.caller().kind(), request.getRemoteAddr());
		Callers.set(request, caller);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (!READ_METHODS.contains(request.getMethod())) {
				this.audit.record(new AuditEntry(this.clock.instant(), caller.name(), caller.workgroup(),
						caller.source(), request.getMethod() + " " + request.getRequestURI(), AuditTargets.of(request),
						response.getStatus(), AuditTargets.detailOf(request)));
			}
		}
	}

}
