package io.octoplane.brain.security;

import jakarta.servlet.http.HttpServletRequest;

/** The {@link Caller} of the current request, as the authentication filter found it. */
public final class Callers {

	static final String ATTRIBUTE = "octoplane.caller";

	private Callers() {
	}

	/**
	 * The caller of a request.
	 * @param request the request
	 * @return the caller
	 * @throws IllegalStateException if the request was not authenticated (a bug: every
	 * API request passes the filter)
	 */
	public static Caller of(HttpServletRequest request) {
		Object caller = request.getAttribute(ATTRIBUTE);
		if (caller instanceof Caller found) {
			return found;
		}
		throw new IllegalStateException("request " + request.getRequestURI() + " has no authenticated caller");
	}

}
