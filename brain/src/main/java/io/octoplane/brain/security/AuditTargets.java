package io.octoplane.brain.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Lets a controller name the nodes a call targeted, and say in a few words what it did,
 * for its audit entry; the authentication filter writes the entry once the answer is
 * known.
 */
public final class AuditTargets {

	static final String ATTRIBUTE = "octoplane.audit.targets";

	static final String DETAIL_ATTRIBUTE = "octoplane.audit.detail";

	static final int MAX_DETAIL = 120;

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

	/**
	 * Records what the current call does, where its method and path do not say it
	 * already.
	 * @param request the request
	 * @param detail a short description, never a secret; cut at {@value #MAX_DETAIL}
	 * characters, since it may quote the request
	 */
	public static void describe(HttpServletRequest request, String detail) {
		request.setAttribute(DETAIL_ATTRIBUTE,
				(detail.length() > MAX_DETAIL) ? detail.substring(0, MAX_DETAIL) + "..." : detail);
	}

	static @Nullable String detailOf(HttpServletRequest request) {
		return (request.getAttribute(DETAIL_ATTRIBUTE) instanceof String detail) ? detail : null;
	}

	@SuppressWarnings("unchecked")
	static List<String> of(HttpServletRequest request) {
		Object targets = request.getAttribute(ATTRIBUTE);
		return (targets instanceof List<?> list) ? (List<String>) list : List.of();
	}

}
