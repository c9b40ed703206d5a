package io.octoplane.brain.security;

import java.util.Objects;

import io.octoplane.server.security.CallerIdentity;
import io.octoplane.server.security.Callers;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling the REST API and in which workgroup the call acts.
 *
 * @param name who: an operator certificate's CN, {@code password:<path>} or
 * {@code token:<id>}; safe to log, never a secret
 * @param home the workgroup the credentials belong to
 * @param workgroup the workgroup this call acts in: {@code home} or a workgroup below it
 * (chosen with the {@code X-Octoplane-Workgroup} header)
 * @param kind how the caller authenticated
 * @param source the caller's address
 */
public record Caller(String name, String home, String workgroup, Kind kind, String source) implements CallerIdentity {

	public Caller {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(home, "home must not be null");
		Objects.requireNonNull(workgroup, "workgroup must not be null");
		Objects.requireNonNull(kind, "kind must not be null");
		Objects.requireNonNull(source, "source must not be null");
	}

	/**
	 * The caller of a request.
	 * @param request the request
	 * @return the caller
	 * @throws IllegalStateException if the request was not authenticated (a bug: every
	 * API request passes the filter)
	 */
	public static Caller of(HttpServletRequest request) {
		return Callers.of(request, Caller.class);
	}

	/** How a caller proved who it is. */
	public enum Kind {

		/** A client certificate of the operator role (acts as the root workgroup). */
		CERTIFICATE,

		/** HTTP Basic with a workgroup path and its password. */
		PASSWORD,

		/** A bearer API token. */
		TOKEN

	}

}
