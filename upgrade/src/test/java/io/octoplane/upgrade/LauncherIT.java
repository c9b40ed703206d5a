package io.octoplane.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.octoplane.testsupport.clock.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The launcher with real child processes. The "releases" are shell scripts run by
 * {@code /bin/sh} that behave like a tentacle would: a good one reports itself healthy
 * (as a tentacle does once connected) and keeps running, a bad one never does or exits.
 * The test takes the launcher's looks one at a time and moves its clock by hand.
 */
class LauncherIT {

	// Shell built-ins only, and exec: a forked helper (mv) could outlive the stopped
	// script and write into the home while the test's folder is being deleted.
	private static final String GOOD = """
			printf '%s\\n' "$OCTOPLANE_VERSION" > "$OCTOPLANE_UPGRADE_HOME/healthy"
			exec sleep 600
			""";

	private static final String NEVER_HEALTHY = "exec sleep 600\n";

	private static final String CRASHES = "exit 3\n";

	// Ignores SIGTERM, as a tentacle stuck in a shutdown
	// hook would; the ignore survives the exec.
	private static final String STUBBORN = """
			trap '' TERM
			printf '%s' "$$" > "$OCTOPLANE_UPGRADE_HOME/pid"
			exec sleep 600
			""";

	@TempDir
	Path dir;

	private UpgradeHome home;

	private MutableClock clock;

	private Launcher launcher;

	private Upgrades upgrades;

	@BeforeEach
	void stableVersionRuns() throws IOException {
		this.home = new UpgradeHome(this.dir.resolve("home"));
		this.clock = new MutableClock();
		release("1.0.0", GOOD);
		release("2.0.0", GOOD);
		release("2.1.0", NEVER_HEALTHY);
		release("2.2.0", CRASHES);
		this.home.setStable("1.0.0");
		this.launcher = new Launcher(UpgradeComponent.TENTACLE, this.home, List.of("/bin/sh"), List.of(), Map.of(),
				Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofSeconds(3), Duration.ofMillis(100),
				this.clock);
		this.upgrades = new Upgrades(UpgradeComponent.TENTACLE, this.home, this.clock);
		this.launcher.step();
		assertThat(this.launcher.running()).hasValue("1.0.0");
		awaitHealthy("1.0.0");
	}

	@AfterEach
	void stop() throws Exception {
		this.launcher.close();
		this.launcher.run();
	}

	@Test
	void previewThatNeverComesUpHealthyRollsBackAfterTheStartTimeout() throws IOException {
		this.upgrades.preview("2.1.0", "upgrade");
		switchNow();
		assertThat(this.launcher.running()).hasValue("2.1.0");
		assertThatIllegalStateException().isThrownBy(this.upgrades::confirm)
			.withMessage("2.1.0 has not reconnected to the brain yet; confirm after it has");
		this.clock.advance(Duration.ofMinutes(3));
		this.launcher.step();
		assertThat(this.launcher.running()).as("within the start timeout").hasValue("2.1.0");
		this.clock.advance(Duration.ofSeconds(1));
		this.launcher.step();
		this.launcher.step();
		assertThat(this.launcher.running()).hasValue("1.0.0");
		assertThat(this.home.preview()).isEmpty();
		assertThat(this.home.stable()).hasValue("1.0.0");
		assertThat(this.home.history())
			.anyMatch((line) -> line.endsWith("rollback 2.1.0 preview not healthy within PT3M"));
		awaitHealthy("1.0.0");
	}

	@Test
	void confirmWindowStartsWhenThePreviewReportsHealthyNotWhenItStarts() throws IOException {
		this.upgrades.preview("2.0.0", "upgrade");
		switchNow();
		// A slow start: most of the confirm timeout passes before the preview is healthy.
		this.clock.advance(Duration.ofSeconds(110));
		awaitHealthy("2.0.0");
		this.launcher.step();
		this.clock.advance(Duration.ofMinutes(2));
		this.launcher.step();
		assertThat(this.launcher.running()).as("within the confirm window counted from health").hasValue("2.0.0");
		this.clock.advance(Duration.ofSeconds(1));
		this.launcher.step();
		this.launcher.step();
		assertThat(this.launcher.running()).hasValue("1.0.0");
		assertThat(this.home.history())
			.anyMatch((line) -> line.endsWith("rollback 2.0.0 preview not confirmed within PT2M"));
	}

	@Test
	void previewThatExitsRollsBackAtOnce() throws IOException {
		this.upgrades.preview("2.2.0", "upgrade");
		switchNow();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.launcher.running().isEmpty());
		this.launcher.step();
		this.launcher.step();
		assertThat(this.launcher.running()).hasValue("1.0.0");
		assertThat(this.home.history())
			.anyMatch((line) -> line.endsWith("rollback 2.2.0 preview exited with status 3"));
	}

	@Test
	void confirmMakesTheHealthyPreviewStable() throws IOException {
		this.upgrades.preview("2.0.0", "upgrade");
		switchNow();
		awaitHealthy("2.0.0");
		assertThat(this.upgrades.confirm()).isEqualTo("2.0.0");
		this.clock.advance(Duration.ofHours(1));
		this.launcher.step();
		assertThat(this.launcher.running()).as("no rollback once confirmed").hasValue("2.0.0");
		assertThat(this.home.stable()).hasValue("2.0.0");
		assertThat(this.home.preview()).isEmpty();
	}

	@Test
	void downgradeGoesThroughTrialToo() throws IOException {
		this.upgrades.preview("2.0.0", "upgrade");
		switchNow();
		awaitHealthy("2.0.0");
		this.upgrades.confirm();
		this.upgrades.preview("1.0.0", "downgrade");
		switchNow();
		assertThat(this.launcher.running()).hasValue("1.0.0");
		awaitHealthy("1.0.0");
		this.upgrades.confirm();
		this.launcher.step();
		assertThat(this.home.stable()).hasValue("1.0.0");
		assertThat(this.launcher.running()).hasValue("1.0.0");
		assertThat(this.home.history()).anyMatch((line) -> line.endsWith("downgrade 1.0.0"));
	}

	@Test
	void switchWaitsSoTheRequestingCommandCanReportFirst() throws IOException {
		this.upgrades.preview("2.0.0", "upgrade");
		this.launcher.step();
		assertThat(this.launcher.running()).as("within the switch delay").hasValue("1.0.0");
		this.clock.advance(Duration.ofSeconds(3));
		this.launcher.step();
		assertThat(this.launcher.running()).hasValue("2.0.0");
	}

	@Test
	void cancelGoesBackToStable() throws IOException {
		this.upgrades.preview("2.0.0", "upgrade");
		switchNow();
		assertThat(this.upgrades.cancel()).isEqualTo("2.0.0");
		switchNow();
		assertThat(this.launcher.running()).hasValue("1.0.0");
	}

	@Test
	void onlyInstalledVersionsAndOneTrialAtATime() throws IOException {
		assertThatIllegalStateException().isThrownBy(() -> this.upgrades.preview("9.9.9", "upgrade"))
			.withMessage("9.9.9 is not installed; install it first");
		assertThatIllegalStateException().isThrownBy(() -> this.upgrades.preview("1.0.0", "upgrade"))
			.withMessage("1.0.0 is the stable version already");
		this.upgrades.preview("2.0.0", "upgrade");
		assertThatIllegalStateException().isThrownBy(() -> this.upgrades.preview("2.1.0", "upgrade"))
			.withMessageContaining("2.0.0 is on trial");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Upgrades(UpgradeComponent.TENTACLE, new UpgradeHome(this.dir.resolve("empty")),
					this.clock)
				.confirm())
			.withMessage("no version is on trial; nothing to confirm");
	}

	@Test
	void closeReturnsOnlyOnceAChildThatIgnoresSigtermIsGone() throws Exception {
		UpgradeHome stubborn = new UpgradeHome(this.dir.resolve("stubborn"));
		Path file = stubborn.release("1.0.0");
		Files.createDirectories(file.getParent());
		Files.writeString(file, STUBBORN);
		stubborn.setStable("1.0.0");
		Launcher supervising = new Launcher(UpgradeComponent.TENTACLE, stubborn, List.of("/bin/sh"), List.of(),
				Map.of(), Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofSeconds(3), Duration.ofMillis(50),
				this.clock);
		Thread loop = Thread.ofPlatform().name("launcher-run").start(() -> {
			try {
				supervising.run();
			}
			catch (IOException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		Path pidFile = stubborn.root().resolve("pid");
		await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
		ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
		// What the shutdown hook does on SIGTERM, while run() stops the child as well.
		supervising.close();
		assertThat(child.isAlive()).as("the child once close() returned").isFalse();
		loop.join(Duration.ofSeconds(30));
		assertThat(loop.isAlive()).isFalse();
	}

	@Test
	void childEndsItselfWhenItsLauncherIsKilledOutright() throws Exception {
		Path pidFile = this.dir.resolve("child.pid");
		Path watching = this.dir.resolve("child.watching");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		// A stand-in launcher: a shell that starts the child with its own pid in the
		// environment, as the launcher does, and is then killed with SIGKILL.
		Process launcher = new ProcessBuilder("/bin/sh", "-c",
				LauncherWatch.LAUNCHER_PID_ENV + "=$$ \"$0\" -Xmx32m -cp \"$1\" " + LauncherWatchChild.class.getName()
						+ " \"$3\" & echo $! > \"$2\"; wait",
				java, classPath, pidFile.toString(), watching.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("launcher.log").toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
			ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
			await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(watching));
			assertThat(child.isAlive()).isTrue();
			launcher.destroyForcibly().waitFor();
			await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
		}
		finally {
			launcher.destroyForcibly();
			if (Files.exists(pidFile) && Files.size(pidFile) > 0) {
				ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
					.ifPresent(ProcessHandle::destroyForcibly);
			}
		}
	}

	// A switch waits for the switch delay, so the requesting command can report first.
	private void switchNow() throws IOException {
		this.launcher.step();
		this.clock.advance(Duration.ofSeconds(3));
		this.launcher.step();
	}

	private void release(String version, String script) throws IOException {
		Path file = this.home.release(version);
		Files.createDirectories(file.getParent());
		Files.writeString(file, script);
	}

	private void awaitHealthy(String version) {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.home.healthy().equals(Optional.of(version)));
	}

}
