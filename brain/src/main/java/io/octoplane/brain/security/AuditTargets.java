package io.octoplane.brain.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Lets a controller name the nodes a call targeted, for its audit entry; the
 * authentication filter writes the entry once the answer is known.
 */
public final class AuditTargets {

	static final String ATTRIBUTE = "octoplane.audit.targets";

	private AuditTargets() {
	}

	/**
	 * Records the targets of the current call.
	 * @param request the request
	 * @param targets node names
	 */
	public static void set(HttpServletRequest request, List<String> targets) {
		request.setAttribute(ATTRIBUTE, List.copyOf(targets));
	}

	@SuppressWarnings("unchecked")
	static List<String> of(HttpServletRequest request) {
		Object targets = request.getAttribute(ATTRIBUTE);
		return (targets instanceof List<?> list) ? (List<String>) list : List.of();
	}

}
