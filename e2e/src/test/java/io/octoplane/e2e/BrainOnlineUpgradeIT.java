package io.octoplane.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.octoplane.certs.release.ReleaseKeys;
import io.octoplane.e2e.support.NameserverProcess;
import io.octoplane.e2e.support.UpgradeCli;
import io.octoplane.testsupport.brain.BrainTestSupport;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.octl.OctlRun;
import io.octoplane.testsupport.ports.FreePorts;
import io.octoplane.testsupport.process.BrainArgs;
import io.octoplane.testsupport.process.BrainProcess;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The brain's own online upgrade, end to end: the real brain jar under its upgrade
 * launcher (child processes), a real nameserver with a release key and a real Redis. octl
 * uploads signed brain releases, upgrades the brain (which restarts as the preview),
 * confirms it once it reports itself healthy; a second upgrade left unconfirmed rolls
 * back by itself; a tentacle release is never installed as a brain.
 */
class BrainOnlineUpgradeIT {

	/**
	 * How long a healthy preview may run unconfirmed: the test confirms the first one as
	 * soon as it sees it healthy, and waits this long for the second one's rollback.
	 */
	private static final String CONFIRM_TIMEOUT = "10s";

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	static final CertFixtures certs = BrainTestSupport.certificates();

	@TempDir
	Path work;

	@Test
	void upgradeConfirmUnconfirmedRollbackAndNoTentacleRelease() throws Exception {
		Path jar = UpgradeCli.execJar("brain");
		Path releaseKey = this.work.resolve("release-key.pem");
		Path releasePublicKey = this.work.resolve("release-key.pub.pem");
		ReleaseKeys.write(releaseKey, releasePublicKey, ReleaseKeys.generate(), false);
		int nameserverPort = FreePorts.take();
		int nameserverManagement = FreePorts.take();
		String ns = "--nameserver=https://localhost:" + nameserverPort;
		BrainArgs args = BrainArgs.withFreePorts(certs, redis.port(), this.work.resolve("brain"))
			.with("octoplane.nameserver.url", "https://localhost:" + nameserverPort)
			.with("octoplane.nameserver.advertised-agent-host", "localhost");
		Path octl = OperatorOctlConfig.write(this.work, certs, args.restUri());
		Path home = this.work.resolve("home");
		List<String> upgrade = UpgradeCli.command(jar, "--home", home.toString(), "--release-key",
				releasePublicKey.toString());
		try (BrainProcess nameserver = NameserverProcess.start(certs, redis.port(), nameserverPort,
				nameserverManagement, this.work.resolve("ns-data"), releasePublicKey,
				this.work.resolve("nameserver.log"))) {
			assertThat(UpgradeCli.run(UpgradeCli.concat(upgrade, "init", "1.0.0", jar.toString()),
					this.work.resolve("upgrade-cli.log")))
				.isZero();
			List<String> launch = UpgradeCli.concat(upgrade, "launch", "--confirm-timeout", CONFIRM_TIMEOUT,
					"--start-timeout", "150s", "--jvm-option", "-Xmx384m", "--");
			launch.addAll(args.toList());
			// The brain starts while the nameserver still does; releases need both.
			Process launcher = new ProcessBuilder(launch).redirectErrorStream(true)
				.redirectOutput(this.work.resolve("launcher.log").toFile())
				.start();
			try {
				nameserver.awaitReady(Duration.ofSeconds(150));
				awaitState(octl, "1.0.0", "1.0.0", null, "1.0.0");
				for (String version : new String[] { "1.1.0", "1.2.0" }) {
					OctlRun uploaded = InProcessOctl.run(octl, this.work, "release", "upload", "brain", version,
							jar.toString(), "--key", releaseKey.toString(), ns);
					assertThat(uploaded.exitCode()).as(uploaded.err()).isZero();
				}
				OctlRun tentacleRelease = InProcessOctl.run(octl, this.work, "release", "upload", "tentacle", "1.3.0",
						jar.toString(), "--key", releaseKey.toString(), ns);
				assertThat(tentacleRelease.exitCode()).as(tentacleRelease.err()).isZero();

				OctlRun wrongComponent = InProcessOctl.run(octl, this.work, "upgrade", "upgrade", "1.3.0", "brain");
				assertThat(wrongComponent.exitCode()).as(wrongComponent.out()).isEqualTo(3);
				assertThat(wrongComponent.err()).contains("nameserver has no brain 1.3.0");

				OctlRun upgraded = InProcessOctl.run(octl, this.work, "upgrade", "upgrade", "1.1.0", "brain");
				assertThat(upgraded.exitCode()).as(upgraded.out() + upgraded.err()).isZero();
				assertThat(upgraded.err()).contains("restarts as 1.1.0", "run 'octl upgrade confirm brain'");
				awaitState(octl, "1.1.0", "1.0.0", "1.1.0", "1.1.0");
				OctlRun confirmed = InProcessOctl.run(octl, this.work, "upgrade", "confirm", "brain");
				assertThat(confirmed.exitCode()).as(confirmed.out() + confirmed.err()).isZero();
				awaitState(octl, "1.1.0", "1.1.0", null, "1.1.0");

				OctlRun unconfirmed = InProcessOctl.run(octl, this.work, "upgrade", "upgrade", "1.2.0", "brain");
				assertThat(unconfirmed.exitCode()).as(unconfirmed.out() + unconfirmed.err()).isZero();
				await().atMost(Duration.ofSeconds(180))
					.pollInterval(Duration.ofSeconds(1))
					.until(() -> Files.readString(home.resolve("history"))
						.contains("rollback 1.2.0 preview not confirmed within PT" + CONFIRM_TIMEOUT.toUpperCase()));
				awaitState(octl, "1.1.0", "1.1.0", null, "1.1.0");
				OctlRun history = InProcessOctl.run(octl, this.work, "upgrade", "history", "brain");
				assertThat(history.out()).contains("confirm 1.1.0", "rollback 1.2.0");
			}
			finally {
				launcher.destroy();
				if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
					launcher.descendants().forEach(ProcessHandle::destroyForcibly);
					launcher.destroyForcibly();
				}
			}
		}
	}

	@Test
	void brainWithoutLauncherRefusesClearly() throws Exception {
		BrainArgs args = BrainArgs.withFreePorts(certs, redis.port(), this.work.resolve("plain-brain"));
		Path octl = OperatorOctlConfig.write(this.work, certs, args.restUri());
		try (BrainProcess brain = BrainProcess.start(args.toList(), this.work.resolve("plain-brain.log"))
			.awaitReady(Duration.ofSeconds(90))) {
			OctlRun upgrade = InProcessOctl.run(octl, this.work, "upgrade", "upgrade", "1.1.0", "brain");
			assertThat(upgrade.exitCode()).as(upgrade.out()).isEqualTo(3);
			assertThat(upgrade.err()).contains("does not run under the upgrade launcher",
					"java -jar brain.jar upgrade --home DIR launch");
		}
	}

	// The brain is unreachable while it restarts, so failed calls are retried.
	private void awaitState(Path octl, String running, String stable, @Nullable String preview, String healthy) {
		await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			OctlRun state = InProcessOctl.run(octl, this.work, "upgrade", "state", "brain");
			assertThat(state.exitCode()).as(state.err()).isZero();
			JsonNode json = state.json();
			assertThat(json.path("running").asString()).isEqualTo(running);
			assertThat(json.path("stable").asString()).isEqualTo(stable);
			assertThat(json.path("preview").isNull() ? null : json.path("preview").asString()).isEqualTo(preview);
			assertThat(json.path("healthy").asString()).isEqualTo(healthy);
		});
	}

}
