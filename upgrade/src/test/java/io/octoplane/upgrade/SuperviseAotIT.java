package io.octoplane.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The AOT cache of {@code deploy/octoplane-supervise.sh}, run for real with a fake Java
 * 25 runtime (a release file and a {@code java} script) whose assembly step writes the
 * cache file, and a fake release that records how it was started.
 */
class SuperviseAotIT {

	private static final Path SCRIPT = Path.of("..", "deploy", "octoplane-supervise.sh").toAbsolutePath().normalize();

	private static final String RUNTIME = "25.0.1+8-LTS";

	// Builds the cache (or fails to, when told), else runs the release with sh and says
	// in $FAKE_AOT whether it recorded or used a cache.
	private static final String FAKE_JAVA = """
			#!/bin/sh
			aot=plain
			for arg in "$@"; do
				case "$arg" in
					-XX:AOTMode=create) aot=create ;;
					-XX:AOTMode=record) aot=record ;;
					-XX:AOTCache=*) cache="${arg#-XX:AOTCache=}"; [ "$aot" = create ] || aot=cached ;;
				esac
			done
			if [ "$aot" = create ]; then
				[ -f "$(dirname "$0")/../../fail-assembly" ] && exit 1
				echo cache > "$cache"
				exit 0
			fi
			export FAKE_AOT="$aot"
			while [ "$1" != -jar ]; do shift; done
			shift
			exec /bin/sh "$@"
			""";

	private static final String RELEASE = """
			printf '%s %s %s\\n' "$OCTOPLANE_VERSION" "$FAKE_AOT" "${OCTOPLANE_AOT_TRAINING:-0}" \
			>> "$OCTOPLANE_UPGRADE_HOME/../runs"
			exit_file="$OCTOPLANE_UPGRADE_HOME/../exit"
			while [ ! -f "$exit_file" ]; do sleep 0.05; done
			status=$(cat "$exit_file")
			rm -f "$exit_file"
			exit "$status"
			""";

	@TempDir
	Path dir;

	private UpgradeHome home;

	private Process supervisor;

	@AfterEach
	void stop() throws Exception {
		this.supervisor.destroy();
		if (!this.supervisor.waitFor(30, TimeUnit.SECONDS)) {
			this.supervisor.destroyForcibly();
		}
	}

	@Test
	void theFirstStartTrainsAndLaterStartsUseTheCache() throws IOException {
		start();
		awaitRuns("1.0.0 record 1");

		exit(AotTraining.EXIT_TRAINED);
		awaitRuns("1.0.0 record 1", "1.0.0 cached 0");
		assertThat(this.home.root().resolve("aot/1.0.0@" + RUNTIME + ".aot")).hasContent("cache");
		assertThat(this.home.history()).anyMatch((line) -> line.endsWith(" aot-cache 1.0.0"));

		exit(1);
		awaitRuns("1.0.0 record 1", "1.0.0 cached 0", "1.0.0 cached 0");
	}

	@Test
	void aCacheThatCannotBeBuiltIsNotTriedAgain() throws IOException {
		Files.writeString(this.dir.resolve("fail-assembly"), "");
		start();
		awaitRuns("1.0.0 record 1");

		exit(AotTraining.EXIT_TRAINED);
		awaitRuns("1.0.0 record 1", "1.0.0 plain 0");
		assertThat(this.home.root().resolve("aot/1.0.0@" + RUNTIME + ".aot.failed")).exists();
		assertThat(this.home.history()).anyMatch((line) -> line.contains(" aot-cache-failed 1.0.0 "));
	}

	@Test
	void aTrainingRunThatEndsOtherwiseIsNotRepeated() throws IOException {
		start();
		awaitRuns("1.0.0 record 1");

		exit(1);
		awaitRuns("1.0.0 record 1", "1.0.0 plain 0");
		assertThat(this.home.history()).anyMatch((line) -> line.endsWith(" aot-training-failed 1.0.0 exit-status=1"));
	}

	@Test
	void aotOffRunsWithoutACache() throws IOException {
		start("--aot", "off");
		awaitRuns("1.0.0 plain 0");

		assertThat(this.home.root().resolve("aot")).doesNotExist();
	}

	private void start(String... options) throws IOException {
		this.home = new UpgradeHome(this.dir.resolve("home"));
		Files.createDirectories(this.home.release("1.0.0").getParent());
		Files.writeString(this.home.release("1.0.0"), RELEASE);
		this.home.setStable("1.0.0");
		Path bin = Files.createDirectories(this.dir.resolve("jdk/bin"));
		Files.writeString(this.dir.resolve("jdk/release"),
				"JAVA_VERSION=\"25.0.1\"\nJAVA_RUNTIME_VERSION=\"" + RUNTIME + "\"\n");
		Path java = Files.writeString(bin.resolve("java"), FAKE_JAVA);
		assertThat(java.toFile().setExecutable(true)).isTrue();
		List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", SCRIPT.toString(), "--home",
				this.home.root().toString(), "--java", java.toString(), "--restart-delay", "0"));
		command.addAll(List.of(options));
		command.addAll(List.of("--", "--config", "t.yaml"));
		this.supervisor = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("supervisor.log").toFile())
			.start();
	}

	private void exit(int status) throws IOException {
		Files.writeString(this.dir.resolve("exit"), Integer.toString(status));
	}

	private void awaitRuns(String... runs) {
		Path file = this.dir.resolve("runs");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Files.exists(file) && Files.readAllLines(file).equals(List.of(runs)));
	}

}
