package io.octoplane.brain.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A target list as the query string gave it, one entry per repeated parameter. Spring MVC
 * binds a parameter given once to a {@code List} by splitting it at commas, which would
 * cut a selector such as {@code label:site=lab,arch in (arm64,armv7)} into pieces;
 * controllers that take target lists read them here instead and keep their
 * {@code @RequestParam} only to document the parameter.
 */
public final class TargetParameters {

	private TargetParameters() {
	}

	/**
	 * The values of a repeated query parameter, unsplit.
	 * @param request the request
	 * @param name the parameter
	 * @return its values in order; empty when absent
	 */
	public static List<String> of(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		return (values != null) ? List.of(values) : List.of();
	}

}
