package io.octoplane.brain.scenario;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * A validated {@code deployment.yaml} (Octopoda's format).
 *
 * @param name the scenario's name
 * @param description what it is
 * @param apps its applications
 */
record Deployment(String name, String description, List<App> apps) {

	/** Targets every application must have a script for. */
	static final List<String> REQUIRED_TARGETS = List.of("prepare", "start", "stop", "purge");

	Deployment {
		apps = List.copyOf(apps);
	}

	/** Every target some application has a script for, plus {@code commit}. */
	Set<String> targets() {
		Set<String> targets = new TreeSet<>(Set.of("commit"));
		this.apps.forEach((app) -> app.scripts().forEach((script) -> targets.add(script.target())));
		return targets;
	}

	/**
	 * One application.
	 *
	 * @param name its name
	 * @param description what it is
	 * @param scriptPath folder of its scripts, relative to the scenario folder,
	 * normalized
	 * @param sourcePath folder of its sources, relative and normalized ({@code ""} for
	 * the whole scenario folder), or {@code null} for none
	 * @param nodes the nodes it is deployed on
	 * @param scripts its scripts
	 */
	record App(String name, String description, String scriptPath, @Nullable String sourcePath, List<String> nodes,
			List<Script> scripts) {

		App {
			nodes = List.copyOf(nodes);
			scripts = List.copyOf(scripts);
		}

	}

	/**
	 * One script of an application.
	 *
	 * @param target the target it belongs to
	 * @param file its file name, relative to the application's script folder
	 * @param order when it runs within the target: ascending across applications
	 */
	record Script(String target, String file, int order) {

	}

}
