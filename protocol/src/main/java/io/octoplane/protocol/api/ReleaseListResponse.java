package io.octoplane.protocol.api;

import java.util.List;

/**
 * Answer of {@code GET /api/v1/releases} on the nameserver.
 *
 * @param releases the stored releases, by component, then newest upload first
 */
public record ReleaseListResponse(List<ReleaseInfo> releases) {

	public ReleaseListResponse {
		releases = List.copyOf(releases);
	}

}
