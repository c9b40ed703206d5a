package io.octoplane.brain.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A validated {@code deployment.yaml} (Octopoda's format).
 *
 * @param name the scenario's name
 * @param description what it is
 * @param timeout run time limit of each of its scripts (key {@code timeout}), or
 * {@code null} for the brain's default
 * @param apps its applications
 */
record Deployment(String name, String description, @Nullable Duration timeout, List<App> apps) {

	/** Targets every application must have a script for. */
	static final List<String> REQUIRED_TARGETS = List.of("prepare", "start", "stop", "purge");

	Deployment {
		apps = List.copyOf(apps);
	}

	/**
	 * The same deployment with each application's nodes replaced.
	 * @param nodes each application's nodes, by application name
	 * @return the new deployment
	 */
	Deployment withNodes(Function<App, List<String>> nodes) {
		return new Deployment(this.name, this.description, this.timeout,
				this.apps.stream()
					.map((app) -> new App(app.name(), app.description(), app.scriptPath(), app.sourcePath(),
							nodes.apply(app), app.scripts()))
					.toList());
	}

	/**
	 * The run time limit of a script.
	 * @param script the script
	 * @param fallback the brain's default
	 * @return the script's own limit, else the scenario's, else the default
	 */
	Duration timeout(Script script, Duration fallback) {
		if (script.timeout() != null) {
			return script.timeout();
		}
		return (this.timeout != null) ? this.timeout : fallback;
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
	 * @param nodes the nodes it is deployed on: node names and {@code @workgroup}s,
	 * aliases of {@code alias.yaml} already expanded
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
	 * @param order when it runs within the target: ascending across applications; 0 when
	 * the file leaves it out, as in Octopoda
	 * @param timeout its run time limit (key {@code timeout}), or {@code null} for the
	 * scenario's
	 */
	record Script(String target, String file, int order, @Nullable Duration timeout) {

		Script(String target, String file, int order) {
			this(target, file, order, null);
		}

	}

}
