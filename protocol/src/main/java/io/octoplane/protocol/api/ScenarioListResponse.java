package io.octoplane.protocol.api;

import java.util.List;

/**
 * Answer of {@code GET /api/v1/scenarios}: the scenarios of the acting workgroup.
 *
 * @param scenarios by name
 */
public record ScenarioListResponse(List<ScenarioInfo> scenarios) {

	public ScenarioListResponse {
		scenarios = List.copyOf(scenarios);
	}

}
