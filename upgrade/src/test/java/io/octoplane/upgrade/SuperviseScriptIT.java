package io.octoplane.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code deploy/octoplane-supervise.sh} run for real with tiny fake releases: shell
 * scripts started by a fake {@code java} that records each start and then exits with
 * whatever status the test writes for it, as a tentacle's {@link TrialWatch} would.
 */
class SuperviseScriptIT {

	private static final Path SCRIPT = Path.of("..", "deploy", "octoplane-supervise.sh").toAbsolutePath().normalize();

	// Drops the JVM options and -jar, then runs the release with sh.
	private static final String FAKE_JAVA = """
			#!/bin/sh
			while [ "$1" != -jar ]; do shift; done
			shift
			exec /bin/sh "$@"
			""";

	// Records its version and environment, then exits with the status the test writes.
	private static final String RELEASE = """
			printf '%s %s %s %s\\n' "$OCTOPLANE_VERSION" "$OCTOPLANE_SUPERVISOR" "$OCTOPLANE_CONFIRM_TIMEOUT" \
			"$JAVA_OPTS" >> "$OCTOPLANE_UPGRADE_HOME/../runs"
			exit_file="$OCTOPLANE_UPGRADE_HOME/../exit-$OCTOPLANE_VERSION"
			while [ ! -f "$exit_file" ]; do sleep 0.05; done
			status=$(cat "$exit_file")
			rm -f "$exit_file"
			exit "$status"
			""";

	@TempDir
	Path dir;

	private UpgradeHome home;

	private Process supervisor;

	@BeforeEach
	void stableVersionStarts() throws IOException {
		this.home = new UpgradeHome(this.dir.resolve("home"));
		for (String version : new String[] { "1.0.0", "2.0.0" }) {
			Files.createDirectories(this.home.release(version).getParent());
			Files.writeString(this.home.release(version), RELEASE);
		}
		this.home.setStable("1.0.0");
		Path java = Files.writeString(this.dir.resolve("java"), FAKE_JAVA);
		assertThat(java.toFile().setExecutable(true)).isTrue();
		ProcessBuilder builder = new ProcessBuilder("/bin/sh", SCRIPT.toString(), "--home", this.home.root().toString(),
				"--java", java.toString(), "--confirm-timeout", "20s", "--restart-delay", "0", "--", "--config",
				"t.yaml")
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("supervisor.log").toFile());
		builder.environment().put("JAVA_OPTS", "-Xmx24m");
		this.supervisor = builder.start();
		awaitFirstRun("1.0.0 exit-status 20s -Xmx24m");
	}

	@AfterEach
	void stop() throws Exception {
		this.supervisor.destroy();
		if (!this.supervisor.waitFor(30, TimeUnit.SECONDS)) {
			this.supervisor.destroyForcibly();
		}
	}

	@Test
	void switchStatusStartsThePreviewAndACrashedPreviewRollsBack() throws IOException {
		new Upgrades(UpgradeComponent.TENTACLE, this.home, Clock.systemUTC()).preview("2.0.0", "upgrade");
		exit("1.0.0", TrialWatch.EXIT_SWITCH);
		awaitRuns("1.0.0", "2.0.0");
		assertThat(this.home.history()).anyMatch((line) -> line.endsWith(" start-preview 2.0.0"));

		exit("2.0.0", 3);
		awaitRuns("1.0.0", "2.0.0", "1.0.0");
		assertThat(this.home.preview()).isEmpty();
		assertThat(this.home.history())
			.anyMatch((line) -> line.endsWith(" rollback 2.0.0 preview exited with status 3"));
		assertThat(this.home.stable()).hasValue("1.0.0");
	}

	@Test
	void confirmedPreviewIsTheVersionStartedAfterAnExit() throws IOException {
		Upgrades upgrades = new Upgrades(UpgradeComponent.TENTACLE, this.home, Clock.systemUTC());
		upgrades.preview("2.0.0", "upgrade");
		exit("1.0.0", TrialWatch.EXIT_SWITCH);
		awaitRuns("1.0.0", "2.0.0");
		this.home.markHealthy("2.0.0");
		upgrades.confirm();
		exit("2.0.0", 1);
		awaitRuns("1.0.0", "2.0.0", "2.0.0");
		assertThat(this.home.history()).anyMatch((line) -> line.endsWith(" restart 2.0.0 exit-status=1"));
	}

	@Test
	void stopStopsTheTentacleAndThenItself() throws Exception {
		List<ProcessHandle> tentacle = this.supervisor.children().toList();
		assertThat(tentacle).isNotEmpty();
		this.supervisor.destroy();
		assertThat(this.supervisor.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(this.supervisor.exitValue()).isZero();
		assertThat(tentacle).noneMatch(ProcessHandle::isAlive);
	}

	private void exit(String version, int status) throws IOException {
		Files.writeString(this.dir.resolve("exit-" + version), Integer.toString(status));
	}

	private void awaitRuns(String... versions) {
		await().atMost(Duration.ofSeconds(30)).until(() -> runs().equals(List.of(versions)));
	}

	private void awaitFirstRun(String firstLine) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Files.exists(this.dir.resolve("runs"))
					&& Files.readAllLines(this.dir.resolve("runs")).equals(List.of(firstLine)));
	}

	private List<String> runs() throws IOException {
		Path runs = this.dir.resolve("runs");
		return Files.exists(runs)
				? Files.readAllLines(runs).stream().map((line) -> line.substring(0, line.indexOf(' '))).toList()
				: List.of();
	}

}
