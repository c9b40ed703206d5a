package io.octoplane.brain.web;

import java.util.ArrayList;
import java.util.List;

import io.octoplane.protocol.selector.Selector;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A target list as the query string gave it: repeated parameters, each of which may also
 * separate names with commas ({@code name=pi1,pi2}). A selector has commas of its own
 * ({@code label:site=lab,arch in (arm64,armv7)}), so everything from a {@code label:}
 * entry to the end of its parameter is that one selector. Spring MVC would split every
 * comma when binding a parameter given once, so controllers that take target lists read
 * them here and keep their {@code @RequestParam} only to document the parameter.
 */
public final class TargetParameters {

	private TargetParameters() {
	}

	/**
	 * The entries of a target list parameter.
	 * @param request the request
	 * @param name the parameter
	 * @return its entries in order; empty when absent
	 */
	public static List<String> of(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		if (values == null) {
			return List.of();
		}
		List<String> entries = new ArrayList<>();
		for (String value : values) {
			split(value, entries);
		}
		return entries;
	}

	static void split(String value, List<String> entries) {
		int start = 0;
		while (start <= value.length()) {
			String rest = value.substring(start);
			if (Selector.isTarget(rest)) {
				entries.add(rest.strip());
				return;
			}
			int comma = value.indexOf(',', start);
			if (comma < 0) {
				entries.add(rest.strip());
				return;
			}
			entries.add(value.substring(start, comma).strip());
			start = comma + 1;
		}
	}

}
