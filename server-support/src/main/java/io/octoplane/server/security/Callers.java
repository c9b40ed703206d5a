package io.octoplane.server.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The {@link CallerIdentity} of the current request, as the authentication filter left
 * it: the filter {@link #set sets} it, controllers read it {@link #of}.
 */
public final class Callers {

	static final String ATTRIBUTE = "octoplane.caller";

	private Callers() {
	}

	/**
	 * Records the caller of a request; only an authentication filter calls this.
	 * @param request the request
	 * @param caller who it proved to be
	 */
	public static void set(HttpServletRequest request, CallerIdentity caller) {
		request.setAttribute(ATTRIBUTE, caller);
	}

	/**
	 * The caller of a request.
	 * @param <T> the server's caller type
	 * @param request the request
	 * @param type the server's caller type
	 * @return the caller
	 * @throws IllegalStateException if the request was not authenticated, which would be
	 * a wiring fault (every API request passes the filter) and must not be mistaken for
	 * an anonymous call
	 */
	public static <T extends CallerIdentity> T of(HttpServletRequest request, Class<T> type) {
		Object caller = request.getAttribute(ATTRIBUTE);
		if (type.isInstance(caller)) {
			return type.cast(caller);
		}
		throw new IllegalStateException("request " + request.getRequestURI() + " has no authenticated caller");
	}

}
