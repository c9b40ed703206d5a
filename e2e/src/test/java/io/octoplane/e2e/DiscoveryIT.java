package io.octoplane.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.octoplane.certs.PemPair;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.TentacleState;
import io.octoplane.tentacle.config.Discovery;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.tentacle.discovery.NameserverLocator;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A brain registers with a real nameserver (both child processes), a tentacle that knows
 * only the nameserver finds the brain through it, and keeps finding it from its cache
 * once the nameserver is gone: after its own restart and after the brain's.
 */
class DiscoveryIT {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	static final CertFixtures certs = BrainTestSupport.certificates();

	@TempDir
	Path work;

	@Test
	void tentacleFindsBrainThroughNameserverAndReconnectsFromCacheWhenNameserverIsDown() throws Exception {
		int nameserverPort = FreePorts.take();
		BrainArgs args = BrainArgs.withFreePorts(certs, redis.port(), this.work.resolve("brain"))
			.with("octoplane.nameserver.url", "https://localhost:" + nameserverPort)
			.with("octoplane.nameserver.advertised-agent-host", "localhost")
			.with("octoplane.nameserver.ttl", "6s");
		Discovery discovery = new Discovery(URI.create("https://localhost:" + nameserverPort), "brain",
				this.work.resolve("node-a/.octoplane/brain-address"));
		try (BrainProcess nameserver = startNameserver(nameserverPort);
				BrainProcess brain = BrainProcess.start(args.toList(), this.work.resolve("brain.log"))
					.awaitReady(Duration.ofSeconds(90))) {
			Tentacle first = tentacle("node-a", discovery);
			try {
				assertThat(first.awaitConnected(Duration.ofSeconds(60))).as("connected through the nameserver")
					.isTrue();
			}
			finally {
				first.close();
			}
			assertThat(Files.readString(discovery.cache()).strip()).isEqualTo("localhost:" + args.agentPort());
			octlReadsTheRegistry(args, nameserverPort);

			nameserver.kill();
			Tentacle restarted = tentacle("node-a", discovery);
			try {
				assertThat(restarted.awaitConnected(Duration.ofSeconds(60)))
					.as("restarted tentacle connected from its cache while the nameserver is down")
					.isTrue();
				brain.kill();
				assertThat(restarted.awaitState(TentacleState.BACKING_OFF, Duration.ofSeconds(30))).isTrue();
				brain.restart().awaitReady(Duration.ofSeconds(90));
				assertThat(restarted.awaitConnected(Duration.ofSeconds(60)))
					.as("reconnected to the restarted brain while the nameserver is down")
					.isTrue();
			}
			finally {
				restarted.close();
			}
		}
	}

	@Test
	void tentacleWithoutCacheSaysWhyWhenNameserverIsDown() throws Exception {
		int closedPort = FreePorts.take();
		Discovery discovery = new Discovery(URI.create("https://localhost:" + closedPort), "brain",
				this.work.resolve("node-b/.octoplane/brain-address"));
		NameserverLocator locator = new NameserverLocator(discovery, null, Duration.ofSeconds(5));
		PemPair node = certs.node("node-b");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> locator.next(PemTls.clientContext(node.certificate(), node.privateKey(), certs.caCert())))
			.withMessageContaining("no brain address: the nameserver https://localhost:" + closedPort
					+ " did not answer and none is cached or configured");
		assertThat(discovery.cache()).doesNotExist();
	}

	private void octlReadsTheRegistry(BrainArgs args, int nameserverPort) throws IOException {
		Path config = OperatorOctlConfig.write(this.work, certs, args.restUri());
		String nameserver = "--nameserver=https://localhost:" + nameserverPort;
		OctlRun query = InProcessOctl.run(config, this.work, "nameserver", "query", "brain", nameserver);
		assertThat(query.exitCode()).as(query.err()).isZero();
		assertThat(query.json().get("addresses").get(0).asString()).isEqualTo("localhost:" + args.agentPort());
		assertThat(query.json().get("kind").asString()).isEqualTo("brain");
		assertThat(query.json().get("registered_by").asString()).isEqualTo("brain");
		OctlRun list = InProcessOctl.run(config, this.work, "ns", "list", "--prefix", "bra", nameserver);
		assertThat(list.exitCode()).as(list.err()).isZero();
		assertThat(list.json().get("entries")).hasSize(1);
		OctlRun missing = InProcessOctl.run(config, this.work, "ns", "query", "no-such-service", nameserver);
		assertThat(missing.exitCode()).isEqualTo(3);
		assertThat(missing.err()).contains("name-not-found");
	}

	private BrainProcess startNameserver(int port) {
		int managementPort = FreePorts.take();
		List<String> args = List.of("--server.port=" + port, "--management.server.port=" + managementPort,
				"--octoplane.tls.certificate=file:" + certs.nameserver().certificate().toAbsolutePath(),
				"--octoplane.tls.private-key=file:" + certs.nameserver().privateKey().toAbsolutePath(),
				"--octoplane.tls.ca=file:" + certs.caCert().toAbsolutePath(), "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + redis.port());
		return BrainProcess
			.startServer("io.octoplane.nameserver.NameserverApplication", args, this.work.resolve("nameserver.log"),
					managementPort)
			.awaitReady(Duration.ofSeconds(90));
	}

	private Tentacle tentacle(String name, Discovery discovery) {
		PemPair pair = certs.node(name);
		TentacleConfig config = TentacleConfig
			.of(discovery, pair.certificate(), pair.privateKey(), certs.caCert(), this.work.resolve(name))
			.withTimings(Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofSeconds(5));
		Tentacle tentacle = new Tentacle(config, Clock.systemUTC());
		tentacle.start();
		return tentacle;
	}

}
