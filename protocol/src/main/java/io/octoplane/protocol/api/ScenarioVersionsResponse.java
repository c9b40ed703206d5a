package io.octoplane.protocol.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Answer of {@code GET /api/v1/scenarios/{name}/versions}: versions, newest first.
 *
 * @param scenario the scenario's name
 * @param total how many versions there are
 * @param versions the page asked for
 */
public record ScenarioVersionsResponse(String scenario, int total, List<Version> versions) {

	public ScenarioVersionsResponse {
		versions = List.copyOf(versions);
	}

	/**
	 * One scenario version: a commit of the brain's scenario repository.
	 *
	 * @param id the commit id (a content hash)
	 * @param time when it was recorded
	 * @param message what it was for
	 * @param nodeapps each nodeapp ({@code <app>@<node>}) and its commit id
	 */
	public record Version(String id, Instant time, String message, Map<String, String> nodeapps) {

		public Version {
			nodeapps = Map.copyOf(nodeapps);
		}

	}

}
