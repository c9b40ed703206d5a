package io.octoplane.e2e.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A scenario folder of one application, {@code app}, on the given nodes, whose prepare,
 * start and stop scripts append {@code prepared}, {@code started} and {@code stopped} to
 * a log file in each node's workspace, so that a test reads what ran where.
 */
public final class OneAppScenario {

	private OneAppScenario() {
	}

	/**
	 * Writes the folder {@code scenarios/NAME} under a root.
	 * @param root where the folder goes
	 * @param name the scenario's name
	 * @param description its description
	 * @param nodes the nodes the application runs on
	 * @param log the log file's name in each node's workspace
	 * @param afterPrepare shell text run after the prepare script logs, such as
	 * {@code "; sleep 2"} to keep an apply busy; empty for none
	 * @return the scenario folder
	 * @throws IOException if it cannot be written
	 */
	public static Path write(Path root, String name, String description, List<String> nodes, String log,
			String afterPrepare) throws IOException {
		Path folder = Files.createDirectories(root.resolve("scenarios").resolve(name));
		Files.writeString(folder.resolve("deployment.yaml"), """
				name: %s
				description: "%s"
				applications:
				- name: app
				  scriptpath: app/scripts/
				  nodes: %s
				  script:
				  - { target: prepare, file: prepare.sh, order: 1 }
				  - { target: start, file: start.sh, order: 1 }
				  - { target: stop, file: stop.sh, order: 1 }
				  - { target: purge, file: stop.sh, order: 1 }
				""".formatted(name, description, nodes.stream().map((node) -> "'" + node + "'").toList()));
		Path scripts = Files.createDirectories(folder.resolve("app/scripts"));
		String append = " >> \"$OCTOPODA_WORKSPACE/" + log + "\"";
		Files.writeString(scripts.resolve("prepare.sh"), "echo prepared" + append + afterPrepare + "\n");
		Files.writeString(scripts.resolve("start.sh"), "echo started" + append + "\n");
		Files.writeString(scripts.resolve("stop.sh"), "echo stopped" + append + "\n");
		return folder;
	}

}
