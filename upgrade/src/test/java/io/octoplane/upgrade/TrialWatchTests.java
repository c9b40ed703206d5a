package io.octoplane.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.octoplane.testsupport.clock.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisions a tentacle under the shell supervisor takes about itself, one look at a
 * time with a hand-moved clock.
 */
class TrialWatchTests {

	private static final PreviewTrial TRIAL = new PreviewTrial(Duration.ofMinutes(3), Duration.ofMinutes(2));

	@TempDir
	Path dir;

	private UpgradeHome home;

	private MutableClock clock;

	@BeforeEach
	void homeWithStableAndPreview() throws IOException {
		this.home = new UpgradeHome(this.dir.resolve("home"));
		this.clock = new MutableClock();
		for (String version : new String[] { "1.0.0", "2.0.0" }) {
			Files.createDirectories(this.home.release(version).getParent());
			Files.writeString(this.home.release(version), "jar");
		}
		this.home.setStable("1.0.0");
	}

	@Test
	void stableVersionWithoutTrialRunsOn() {
		TrialWatch watch = watch("1.0.0");
		this.clock.advance(Duration.ofHours(1));
		assertThat(watch.step()).isNull();
	}

	@Test
	void upgradeSwitchesOnlyAfterTheSwitchDelay() throws IOException {
		TrialWatch watch = watch("1.0.0");
		this.home.setPreview("2.0.0");
		assertThat(watch.step()).isNull();
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(watch.step()).isEqualTo(new TrialWatch.Exit(TrialWatch.EXIT_SWITCH));
	}

	@Test
	void previewNotHealthyWithinTheStartTimeoutClearsItselfAndRecordsTheRollback() throws IOException {
		this.home.setPreview("2.0.0");
		TrialWatch watch = watch("2.0.0");
		this.clock.advance(Duration.ofMinutes(3));
		assertThat(watch.step()).isNull();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(watch.step()).isEqualTo(new TrialWatch.Exit(TrialWatch.EXIT_SWITCH));
		assertThat(this.home.preview()).isEmpty();
		assertThat(this.home.history()).last().asString().endsWith("rollback 2.0.0 preview not healthy within PT3M");
	}

	@Test
	void confirmWindowStartsWhenThePreviewReportsHealthy() throws IOException {
		this.home.setPreview("2.0.0");
		TrialWatch watch = watch("2.0.0");
		this.clock.advance(Duration.ofMinutes(2));
		this.home.markHealthy("2.0.0");
		assertThat(watch.step()).isNull();
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(watch.step()).isNull();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(watch.step()).isEqualTo(new TrialWatch.Exit(TrialWatch.EXIT_SWITCH));
		assertThat(this.home.history()).last().asString().endsWith("rollback 2.0.0 preview not confirmed within PT2M");
		assertThat(this.home.stable()).hasValue("1.0.0");
	}

	@Test
	void confirmedPreviewRunsOnAsTheStableVersion() throws IOException {
		this.home.setPreview("2.0.0");
		TrialWatch watch = watch("2.0.0");
		this.home.markHealthy("2.0.0");
		assertThat(watch.step()).isNull();
		new Upgrades(UpgradeComponent.TENTACLE, this.home, this.clock).confirm();
		this.clock.advance(Duration.ofHours(1));
		assertThat(watch.step()).isNull();
	}

	@Test
	void cancelledPreviewSwitchesBackToStable() throws IOException {
		this.home.setPreview("2.0.0");
		TrialWatch watch = watch("2.0.0");
		new Upgrades(UpgradeComponent.TENTACLE, this.home, this.clock).cancel();
		assertThat(watch.step()).isNull();
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(watch.step()).isEqualTo(new TrialWatch.Exit(TrialWatch.EXIT_SWITCH));
	}

	@Test
	void environmentWithoutTheShellSupervisorAsksForNoWatch() {
		assertThat(TrialWatch.fromEnvironment(
				Map.of(UpgradeHome.HOME_ENV, this.home.root().toString(), UpgradeHome.VERSION_ENV, "1.0.0"),
				this.clock))
			.isEmpty();
		assertThat(TrialWatch.fromEnvironment(
				Map.of(UpgradeHome.HOME_ENV, this.home.root().toString(), UpgradeHome.VERSION_ENV, "1.0.0",
						TrialWatch.SUPERVISOR_ENV, TrialWatch.BY_EXIT_STATUS, TrialWatch.CONFIRM_TIMEOUT_ENV, "20s"),
				this.clock))
			.isPresent();
	}

	private TrialWatch watch(String version) {
		// No supervisor pid: the test process is the parent and stays.
		return new TrialWatch(this.home, version, TRIAL, -1, this.clock);
	}

}
