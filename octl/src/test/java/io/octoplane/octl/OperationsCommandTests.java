package io.octoplane.octl;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.BrainInfo;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code octl version}, {@code octl completion} and {@code -o wide}: the commands and
 * formats people use around the fleet commands.
 */
class OperationsCommandTests extends StubBrainCommandTest {

	@Test
	void versionNamesClientAndBrain() {
		this.brain.answerJson("GET", ApiPaths.INFO, new BrainInfo("brain-1", "9.9.9", "brain.example:12345"));
		OctlRun run = this.octl.run(this.config, "version");
		assertThat(run.exitCode()).isZero();
		assertThat(run.err()).isEmpty();
		assertThat(run.json().path("client").path("version").asString()).isNotBlank();
		assertThat(run.json().path("brain").path("version").asString()).isEqualTo("9.9.9");
		OctlRun table = this.octl.run(this.config, "version", "-o", "table");
		assertThat(table.out()).startsWith("octl ").contains("brain brain-1 9.9.9 at brain.example:12345");
	}

	@Test
	void clientVersionNeedsNoBrain() {
		OctlRun run = this.octl.run(Map.of(), "version", "--client");
		assertThat(run.exitCode()).isZero();
		assertThat(run.json().has("brain")).isFalse();
	}

	@Test
	void versionWithUnreachableBrainFailsWithStatusFour() {
		this.brain.close();
		OctlRun run = this.octl.run(this.config, "version");
		assertThat(run.exitCode()).isEqualTo(4);
		assertThat(run.out()).isEmpty();
	}

	@Test
	void bashCompletionIsValidBashAndKnowsEveryCommand() throws Exception {
		OctlRun run = this.octl.run(Map.of(), "completion", "bash");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("complete -F")
			.contains("node")
			.contains("version")
			.contains("revoke")
			.contains("wide");
		Path script = Files.writeString(this.dir.resolve("octl.bash"), run.out());
		Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
		assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(bash.exitValue()).as(new String(bash.getInputStream().readAllBytes())).isZero();
	}

	@Test
	void zshCompletionTurnsOnBashCompatibilityFirst() {
		OctlRun run = this.octl.run(Map.of(), "completion", "zsh");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith("autoload -U +X compinit").contains("bashcompinit").contains("complete -F");
	}

	@Test
	void fishCompletionIsValidFishAndCompletesNestedCommandsAndFormats() throws Exception {
		OctlRun run = this.octl.run(Map.of(), "completion", "fish");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).contains("complete -c octl")
			.contains("'node get'")
			.contains("-l 'context'")
			.contains("jsonpath=");
		Path script = Files.writeString(this.dir.resolve("octl.fish"), run.out());
		assumeTrue(onPath("fish"), "fish is not installed");
		assertThat(fish("-n", script.toString())).isEmpty();
		String source = "source " + script + "; ";
		assertThat(fish("-c", source + "complete -C 'octl no'")).contains("node");
		assertThat(fish("-c", source + "complete -C 'octl node g'")).contains("get");
		assertThat(fish("-c", source + "complete -C 'octl -o table job l'")).contains("list").contains("ls");
		assertThat(fish("-c", source + "complete -C 'octl node get -o '")).contains("name").contains("jsonpath=");
		assertThat(fish("-c", source + "complete -C 'octl node get --'")).contains("--limit").contains("--cursor");
	}

	@Test
	void unknownShellIsAUsageError() {
		OctlRun run = this.octl.run(Map.of(), "completion", "tcsh");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("use bash, zsh or fish");
	}

	private static String fish(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("fish", "--no-config"));
		command.addAll(List.of(args));
		Process fish = new ProcessBuilder(command).redirectErrorStream(true).start();
		fish.getOutputStream().close();
		String output = new String(fish.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(fish.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(fish.exitValue()).as(output).isZero();
		return output;
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		return path != null && Arrays.stream(path.split(File.pathSeparator))
			.anyMatch((folder) -> Files.isExecutable(Path.of(folder, command)));
	}

	@Test
	void wideNodeListShowsPlatformAndTimes() {
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		OctlRun table = this.octl.run(this.config, "node", "get", "-o", "table");
		OctlRun wide = this.octl.run(this.config, "node", "get", "-o", "wide");
		assertThat(wide.exitCode()).isZero();
		assertThat(table.out()).doesNotContain("ARCH");
		assertThat(wide.out()).contains("ARCH").contains("ONLINE_SINCE").contains("pi1");
	}

}
