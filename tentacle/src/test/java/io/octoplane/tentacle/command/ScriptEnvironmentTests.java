package io.octoplane.tentacle.command;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.octoplane.tentacle.file.NodePaths;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptEnvironmentTests {

	private final NodePaths paths = new NodePaths(Path.of("/srv/ws"), Path.of("/root"), Path.of("/var/log/octo"),
			Path.of("/srv/store"), Path.of("/srv/pakma"));

	private final ScriptEnvironment environment = new ScriptEnvironment(this.paths, () -> "pi4", Map.of("SITE", "lab"));

	@Test
	void commandsGetTheFoldersTheAliasesNameAndTheirOutputFile() {
		Map<String, String> env = this.environment.command(Path.of("/srv/ws/.octoplane/output/o.out"));
		assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of("SITE", "lab", "OCTOPODA_NODENAME", "pi4",
				"OCTOPODA_ROOT", "/root", "OCTOPODA_WORKSPACE", "/srv/ws", "OCTOPODA_FSTORE", "/srv/store",
				"OCTOPODA_LOG", "/var/log/octo", "OCTOPODA_PAKMA", "/srv/pakma", "OCTOPODA_CURRENTDIR", "/srv/ws",
				"OCTOPODA_OUTPUT", "/srv/ws/.octoplane/output/o.out"));
		assertThat(env.get("OCTOPODA_FSTORE")).isEqualTo(this.paths.resolve("@fstore").toString());
		assertThat(env.get("OCTOPODA_ROOT")).isEqualTo(this.paths.resolve("@root").toString());
	}

	@Test
	void nodeappScriptsAlsoGetTheirAppScenarioFileAndTarget() {
		Map<String, String> env = this.environment.nodeapp(Path.of("/srv/ws/web@shop"), "start.sh", Path.of("/o"),
				"web", "shop", "start");
		assertThat(env).containsEntry("OCTOPODA_CURRENTDIR", "/srv/ws/web@shop")
			.containsEntry("OCTOPODA_FILENAME", "start.sh")
			.containsEntry("OCTOPODA_APP", "web")
			.containsEntry("OCTOPODA_SCENARIO", "shop")
			.containsEntry("OCTOPODA_TARGET", "start")
			.containsEntry("OCTOPODA_FSTORE", "/srv/store")
			.containsEntry("SITE", "lab");
		assertThat(this.environment.nodeapp(Path.of("/a"), "f", Path.of("/o"), "web", "shop", null))
			.doesNotContainKey("OCTOPODA_TARGET");
	}

	@Test
	void nodeNameIsEmptyUntilTheBrainNamedTheNode() {
		ScriptEnvironment early = new ScriptEnvironment(this.paths, () -> null, Map.of());
		assertThat(early.command(Path.of("/o"))).containsEntry("OCTOPODA_NODENAME", "");
	}

	@Test
	void inheritedOctopodaVariablesAreDroppedAndOthersKept() {
		Map<String, String> process = new HashMap<>(
				Map.of("PATH", "/usr/bin", "OCTOPODA_APP", "stale", "OCTOPODA_OUTPUT", "/elsewhere"));
		ScriptEnvironment.apply(process, this.environment.command(Path.of("/o")));
		assertThat(process).containsEntry("PATH", "/usr/bin")
			.containsEntry("OCTOPODA_OUTPUT", "/o")
			.doesNotContainKey("OCTOPODA_APP");
	}

}
