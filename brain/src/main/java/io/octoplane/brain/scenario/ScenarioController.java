package io.octoplane.brain.scenario;

import java.util.List;

import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.ResetRequest;
import io.octoplane.protocol.api.ScenarioApplyRequest;
import io.octoplane.protocol.api.ScenarioApplyResponse;
import io.octoplane.protocol.api.ScenarioInfo;
import io.octoplane.protocol.api.ScenarioListResponse;
import io.octoplane.protocol.api.ScenarioVersionsResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code octl scen}: apply targets of a scenario folder, list scenarios, their versions,
 * reset, delete. Apply and reset answer when every step ended (200 with
 * {@code succeeded=false} and the failing node when a script failed).
 */
@RestController
class ScenarioController {

	private final ScenarioService scenarios;

	ScenarioController(ScenarioService scenarios) {
		this.scenarios = scenarios;
	}

	/**
	 * Applies a scenario: its nodeapps are shipped to their nodes and their scripts run
	 * in order, as Octopoda's scen apply.
	 * @param name the scenario
	 */
	@PostMapping(ApiPaths.SCENARIO_APPLY)
	ScenarioApplyResponse apply(@PathVariable String name, @RequestBody ScenarioApplyRequest request,
			HttpServletRequest http) {
		AuditTargets.set(http, List.of("scenario:" + name));
		return this.scenarios.apply(name, request, Caller.of(http));
	}

	/**
	 * Lists the scenarios of the acting workgroup.
	 */
	@GetMapping(ApiPaths.SCENARIOS)
	ScenarioListResponse list(HttpServletRequest http) {
		return this.scenarios.list(Caller.of(http));
	}

	/**
	 * Reads one scenario: its apps and where each runs.
	 * @param name the scenario
	 */
	@GetMapping(ApiPaths.SCENARIO)
	ScenarioInfo get(@PathVariable String name, HttpServletRequest http) {
		return this.scenarios.get(name, Caller.of(http));
	}

	/**
	 * Removes a scenario and its version history.
	 * @param name the scenario
	 */
	@DeleteMapping(ApiPaths.SCENARIO)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String name, HttpServletRequest http) {
		AuditTargets.set(http, List.of("scenario:" + name));
		this.scenarios.delete(name, Caller.of(http));
	}

	/**
	 * Lists the versions of a scenario, newest first.
	 * @param name the scenario
	 * @param offset how many of the newest versions to skip
	 */
	@GetMapping(ApiPaths.SCENARIO_VERSIONS)
	ScenarioVersionsResponse versions(@PathVariable String name, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "20") int limit, HttpServletRequest http) {
		return this.scenarios.versions(name, offset, limit, Caller.of(http));
	}

	/**
	 * Resets a scenario to one of its earlier versions and applies it.
	 * @param name the scenario
	 */
	@PostMapping(ApiPaths.SCENARIO_RESET)
	ScenarioApplyResponse reset(@PathVariable String name, @RequestBody ResetRequest request, HttpServletRequest http) {
		AuditTargets.set(http, List.of("scenario:" + name));
		return this.scenarios.reset(name, request, Caller.of(http));
	}

}
