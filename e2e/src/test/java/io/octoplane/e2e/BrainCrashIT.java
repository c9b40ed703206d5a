package io.octoplane.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.octoplane.certs.PemPair;
import io.octoplane.client.JobListener;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.brain.BrainTestSupport;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.process.BrainArgs;
import io.octoplane.testsupport.process.BrainProcess;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The brain is killed with SIGKILL in the middle of a fan-out and started again: every
 * node ends with exactly one result and no node ran the command twice. The brain runs as
 * a child process so the kill is real; the tentacles run in this JVM.
 */
class BrainCrashIT {

	private static final int NODES = 50;

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	static final CertFixtures certs = BrainTestSupport.certificates();

	@TempDir
	Path work;

	@Test
	void fanOutSurvivesBrainKilledMidway() throws Exception {
		BrainArgs args = BrainArgs.withFreePorts(certs, redis.port(), this.work.resolve("brain"));
		try (BrainProcess brain = BrainProcess.start(args.toList(), this.work.resolve("brain.log"))
			.awaitReady(Duration.ofSeconds(90)); TentacleFleet fleet = new TentacleFleet(certs, this.work)) {
			List<String> nodes = fleet.startAll("crash", NODES, args.agentPort());
			OctoplaneClient client = client(args);
			JobResponse accepted = client.jobs()
				.submit(new CommandRequest(nodes, CommandMode.SHELL, "echo ran >> runs.txt; sleep 1; echo ok", 60L,
						null, 120L, "10", null, null, null));
			await().atMost(Duration.ofSeconds(60)).until(() -> client.jobs().get(accepted.id()).success() >= 5);
			int pendingAtKill = client.jobs().get(accepted.id()).pending();
			brain.kill();
			assertThat(pendingAtKill).as("targets still pending when the brain died").isPositive();
			brain.restart().awaitReady(Duration.ofSeconds(90));
			JobResponse done = client.jobs().await(accepted.id(), Duration.ofSeconds(180), new JobListener() {
			});
			int duplicates = 0;
			int lost = 0;
			for (String node : nodes) {
				int runs = fleet.lines(node, "runs.txt").size();
				duplicates += Math.max(0, runs - 1);
				lost += (runs == 0) ? 1 : 0;
			}
			long recorded = done.results().stream().map(NodeCommandResult::state).filter("succeeded"::equals).count();
			System.out.printf(
					"brain kill -9 during a %d-node fan-out (%d pending at the kill): results recorded %d, duplicates %d, lost %d%n",
					NODES, pendingAtKill, recorded, duplicates, lost);
			assertThat(done.results()).hasSize(NODES)
				.allSatisfy((result) -> assertThat(result.state()).as(result.name()).isEqualTo("succeeded"));
			assertThat(duplicates).isZero();
			assertThat(lost).isZero();
		}
	}

	private static OctoplaneClient client(BrainArgs args) throws Exception {
		PemPair operator = certs.operator("alice");
		return OctoplaneClient.builder()
			.baseUri(URI.create(args.restUri()))
			.sslContext(PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()))
			.build();
	}

}
