package io.octoplane.upgrade;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class UpgradeToolTests {

	private static final ReleaseSource NO_DOWNLOADS = (config) -> {
		throw new IllegalStateException("downloads are not possible here");
	};

	@TempDir
	Path dir;

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void initTakesTheFirstStableVersionOnce() throws Exception {
		Path jar = Files.writeString(this.dir.resolve("brain.jar"), "brain 1.0.0");
		assertThat(run("init", "1.0.0", jar.toString())).isZero();
		assertThat(run("state")).isZero();
		assertThat(this.out.toString())
			.contains("{\"stable\":\"1.0.0\",\"preview\":null,\"healthy\":null,\"installed\":[\"1.0.0\"]}");
		assertThat(run("init", "1.1.0", jar.toString())).isEqualTo(3);
		assertThat(this.err.toString()).contains("brain upgrade: the upgrade home has a stable version already: 1.0.0");
		assertThat(Files.readString(this.dir.resolve("home/history"))).endsWith(" init 1.0.0\n");
	}

	@Test
	void installSaysWhyItCannotDownload() {
		assertThat(run("install", "1.1.0")).isEqualTo(3);
		assertThat(this.err.toString()).contains("brain upgrade: downloads are not possible here");
		assertThat(run("upgrade", "1.1.0")).isEqualTo(3);
		assertThat(new UpgradeHome(this.dir.resolve("home")).installed("1.1.0")).isFalse();
	}

	@Test
	void confirmWithoutTrialIsRefusedInTheComponentsWords() {
		assertThat(run("confirm")).isEqualTo(3);
		assertThat(this.err.toString()).contains("brain upgrade: no version is on trial; nothing to confirm");
	}

	@Test
	void cleanDeletesOnlyVersionsNothingRunsOrGoesBackTo() throws Exception {
		Path jar = Files.writeString(this.dir.resolve("brain.jar"), "brain 1.0.0");
		assertThat(run("init", "1.0.0", jar.toString())).isZero();
		UpgradeHome home = new UpgradeHome(this.dir.resolve("home"));
		for (String version : new String[] { "0.9.0", "1.1.0", "1.2.0" }) {
			Files.writeString(home.release(version), "brain " + version);
		}
		home.markHealthy("1.0.0");
		assertThat(run("upgrade", "1.2.0")).isZero();
		assertThat(run("clean")).isZero();
		assertThat(this.out.toString()).contains("removed 0.9.0 1.1.0");
		assertThat(home.installedVersions()).containsExactly("1.0.0", "1.2.0");
		assertThat(home.history()).last().asString().endsWith(" clean 0.9.0,1.1.0");
		assertThat(run("clean")).isZero();
		assertThat(this.out.toString()).contains("nothing to clean");
	}

	@Test
	void historyShowsTheWindowAskedFor() throws Exception {
		UpgradeHome home = new UpgradeHome(this.dir.resolve("home"));
		home.record(Instant.parse("2026-12-01T10:00:00Z"), "init", "1.0.0", "");
		home.record(Instant.parse("2026-12-02T10:00:00Z"), "install", "1.1.0", "");
		home.record(Instant.parse("2026-12-03T10:00:00Z"), "upgrade", "1.1.0", "");
		assertThat(run("history", "--limit", "1")).isZero();
		assertThat(this.out.toString()).isEqualTo("2026-12-03T10:00:00Z upgrade 1.1.0\n");
		this.out.getBuffer().setLength(0);
		assertThat(run("history", "--since", "2026-12-02T00:00:00Z", "--limit", "1")).isZero();
		assertThat(this.out.toString()).isEqualTo("2026-12-02T10:00:00Z install 1.1.0\n");
	}

	@Test
	void historyRefusesABadWindow() {
		assertThat(run("history", "--since", "yesterday")).isEqualTo(3);
		assertThat(this.err.toString()).contains("--since: 'yesterday' is not an instant");
		assertThat(run("history", "--limit", "0")).isEqualTo(3);
		assertThat(this.err.toString()).contains("--limit: limit must be positive");
	}

	@Test
	void launchRefusesABadConfirmTimeoutBeforeStartingAnything() {
		assertThat(run("launch", "--confirm-timeout", "soon")).isEqualTo(3);
		assertThat(this.err.toString()).contains("--confirm-timeout: 'soon' is not a duration: write 500ms, 10s");
	}

	@Test
	void launchRefusesABadStartTimeoutBeforeStartingAnything() {
		assertThat(run("launch", "--start-timeout", "0s")).isEqualTo(3);
		assertThat(this.err.toString()).contains("--start-timeout: duration '0s' must be longer than zero");
	}

	private int run(String... args) {
		CommandLine command = UpgradeTool.commandLine(UpgradeComponent.BRAIN, NO_DOWNLOADS)
			.setOut(new PrintWriter(this.out, true))
			.setErr(new PrintWriter(this.err, true));
		String[] all = new String[args.length + 2];
		all[0] = "--home";
		all[1] = this.dir.resolve("home").toString();
		System.arraycopy(args, 0, all, 2, args.length);
		return command.execute(all);
	}

}
