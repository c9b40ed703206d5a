package io.octoplane.protocol.api;

import java.util.List;

/**
 * Answer of {@code GET /api/v1/names} on the nameserver.
 *
 * @param entries the live entries that match, sorted by name
 */
public record NameListResponse(List<NameEntry> entries) {

	public NameListResponse {
		entries = List.copyOf(entries);
	}

}
