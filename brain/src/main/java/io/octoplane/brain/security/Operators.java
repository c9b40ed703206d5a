package io.octoplane.brain.security;

import jakarta.servlet.http.HttpServletRequest;

/** Who is calling, as established by {@link OperatorCertificateFilter}. */
public final class Operators {

	private Operators() {
	}

	/**
	 * The operator's name (their certificate's CN).
	 * @param request the current request
	 * @return the name, or {@code unknown} outside an authenticated request
	 */
	public static String name(HttpServletRequest request) {
		Object name = request.getAttribute(OperatorCertificateFilter.OPERATOR_ATTRIBUTE);
		return (name != null) ? name.toString() : "unknown";
	}

}
