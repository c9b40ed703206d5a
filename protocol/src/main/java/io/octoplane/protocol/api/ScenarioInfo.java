package io.octoplane.protocol.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A scenario as its current version describes it.
 *
 * @param name the scenario's name
 * @param description its description from deployment.yaml
 * @param workgroup the workgroup it belongs to
 * @param version the current version's id (a commit id), or {@code null} before the first
 * version
 * @param apps its applications, each with its nodes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScenarioInfo(String name, String description, String workgroup, @Nullable String version,
		List<App> apps) {

	public ScenarioInfo {
		Objects.requireNonNull(name, "name must not be null");
		apps = List.copyOf(apps);
	}

	/**
	 * One application of a scenario.
	 *
	 * @param name the application's name
	 * @param nodes the nodes it is deployed on
	 */
	public record App(String name, List<String> nodes) {

		public App {
			nodes = List.copyOf(nodes);
		}

	}

}
