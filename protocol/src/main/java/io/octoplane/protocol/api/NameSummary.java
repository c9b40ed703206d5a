package io.octoplane.protocol.api;

import java.util.Map;

/**
 * Answer of {@code GET /api/v1/name-summary} on the nameserver.
 *
 * @param total how many live entries there are
 * @param kinds how many of them there are per kind
 */
public record NameSummary(int total, Map<String, Integer> kinds) {

	public NameSummary {
		kinds = Map.copyOf(kinds);
	}

}
