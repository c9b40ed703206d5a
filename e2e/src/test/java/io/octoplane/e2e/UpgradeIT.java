package io.octoplane.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.octoplane.certs.PemPair;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real tentacle jar under its shell supervisor (deploy/octoplane-supervise.sh, as
 * installed; the tentacle takes the trial's decisions itself), a real nameserver with a
 * release key and a real brain: octl uploads a signed release, upgrades the node to it,
 * confirms it; a second upgrade left unconfirmed rolls back by itself.
 */
class UpgradeIT {

	/**
	 * How long a healthy preview may run unconfirmed: the test confirms the first one as
	 * soon as it sees it healthy, and waits this long for the second one's rollback.
	 */
	private static final String CONFIRM_TIMEOUT = "10s";

	/** A nameserver and a brain starting at once on a small, busy machine. */
	private static final Duration START = Duration.ofSeconds(150);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	static final CertFixtures certs = BrainTestSupport.certificates();

	private static final Path SUPERVISOR = Path.of("..", "deploy", "octoplane-supervise.sh")
		.toAbsolutePath()
		.normalize();

	@TempDir
	Path work;

	@Test
	void uploadUpgradeConfirmAndUnconfirmedRollback() throws Exception {
		Path jar = UpgradeCli.execJar("tentacle");
		Path releaseKey = this.work.resolve("release-key.pem");
		Path releasePublicKey = this.work.resolve("release-key.pub.pem");
		ReleaseKeys.write(releaseKey, releasePublicKey, ReleaseKeys.generate(), false);
		int nameserverPort = FreePorts.take();
		int nameserverManagement = FreePorts.take();
		BrainArgs args = BrainArgs.withFreePorts(certs, redis.port(), this.work.resolve("brain"))
			.with("octoplane.nameserver.url", "https://localhost:" + nameserverPort)
			.with("octoplane.nameserver.advertised-agent-host", "localhost");
		PemPair node = certs.node("up1");
		Path config = Files.writeString(this.work.resolve("tentacle.yaml"),
				"nameserver: https://localhost:" + nameserverPort + "\nbrain: localhost:" + args.agentPort()
						+ "\ncert: " + node.certificate() + "\nkey: " + node.privateKey() + "\nca: " + certs.caCert()
						+ "\nworkspace: " + this.work.resolve("ws") + "\nbackoffMax: 2s\n");
		Path octl = OperatorOctlConfig.write(this.work, certs, args.restUri());
		List<String> upgrade = UpgradeCli.command(jar, "--home", this.work.resolve("home").toString(), "--config",
				config.toString(), "--release-key", releasePublicKey.toString());
		try (BrainProcess nameserver = NameserverProcess.start(certs, redis.port(), nameserverPort,
				nameserverManagement, this.work.resolve("ns-data"), releasePublicKey,
				this.work.resolve("nameserver.log"));
				BrainProcess brain = BrainProcess.start(args.toList(), this.work.resolve("brain.log"))) {
			// Started together, so that their starts overlap.
			nameserver.awaitReady(START);
			brain.awaitReady(START);
			assertThat(UpgradeCli.run(UpgradeCli.concat(upgrade, "init", "1.0.0", jar.toString()),
					this.work.resolve("upgrade-cli.log")))
				.isZero();
			// The installed way: the shell supervisor, no launcher JVM.
			Process launcher = new ProcessBuilder("/bin/sh", SUPERVISOR.toString(), "--home",
					this.work.resolve("home").toString(), "--java", upgrade.get(0), "--config", config.toString(),
					"--release-key", releasePublicKey.toString(), "--confirm-timeout", CONFIRM_TIMEOUT, "--",
					"--config", config.toString())
				.redirectErrorStream(true)
				.redirectOutput(this.work.resolve("launcher.log").toFile())
				.start();
			try {
				String ns = "--nameserver=https://localhost:" + nameserverPort;
				await().atMost(Duration.ofSeconds(90))
					.until(() -> InProcessOctl.run(octl, this.work, "node", "get", "-sf", "online")
						.out()
						.contains("up1"));
				if (Runtime.version().feature() >= 25) {
					// That was the training run of the supervisor's AOT cache, which this
					// JVM must accept; the version then starts again with the cache.
					Path history = this.work.resolve("home/history");
					await().atMost(Duration.ofSeconds(90))
						.until(() -> Files.readString(history).contains(" aot-cache"));
					assertThat(Files.readString(history)).contains(" aot-cache 1.0.0")
						.doesNotContain("aot-cache-failed");
					await().atMost(Duration.ofSeconds(90))
						.until(() -> InProcessOctl.run(octl, this.work, "node", "get", "-sf", "online")
							.out()
							.contains("up1"));
				}
				for (String version : new String[] { "1.1.0", "1.2.0" }) {
					OctlRun uploaded = InProcessOctl.run(octl, this.work, "release", "upload", "tentacle", version,
							jar.toString(), "--key", releaseKey.toString(), ns);
					assertThat(uploaded.exitCode()).as(uploaded.err()).isZero();
				}

				OctlRun upgraded = InProcessOctl.run(octl, this.work, "upgrade", "upgrade", "1.1.0", "up1");
				assertThat(upgraded.exitCode()).as(upgraded.out() + upgraded.err()).isZero();
				await().atMost(Duration.ofSeconds(90)).until(() -> state(octl).contains("preview=1.1.0 healthy=1.1.0"));
				OctlRun confirmed = InProcessOctl.run(octl, this.work, "upgrade", "confirm", "up1");
				assertThat(confirmed.exitCode()).as(confirmed.out() + confirmed.err()).isZero();
				assertThat(state(octl)).contains("stable=1.1.0 preview=-");

				OctlRun unconfirmed = InProcessOctl.run(octl, this.work, "upgrade", "upgrade", "1.2.0", "up1");
				assertThat(unconfirmed.exitCode()).as(unconfirmed.out() + unconfirmed.err()).isZero();
				await().atMost(Duration.ofSeconds(120))
					.until(() -> Files.readString(this.work.resolve("home/history"))
						.contains("rollback 1.2.0 preview not confirmed within PT" + CONFIRM_TIMEOUT.toUpperCase()));
				await().atMost(Duration.ofSeconds(90))
					.until(() -> state(octl).contains("stable=1.1.0 preview=- healthy=1.1.0"));
			}
			finally {
				launcher.destroy();
				if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
					launcher.destroyForcibly();
				}
			}
		}
	}

	/** The row of up1 in the state table, as "stable=S preview=P healthy=H". */
	private String state(Path octl) {
		String table = InProcessOctl.run(octl, this.work, "upgrade", "state", "up1", "-o", "table").out();
		return table.lines()
			.filter((line) -> line.startsWith("up1 "))
			.map((line) -> line.split(" +"))
			.filter((cells) -> cells.length >= 4)
			.map((cells) -> "stable=" + cells[1] + " preview=" + cells[2] + " healthy=" + cells[3])
			.findFirst()
			.orElse(table);
	}

}
