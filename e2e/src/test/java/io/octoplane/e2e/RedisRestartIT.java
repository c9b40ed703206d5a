package io.octoplane.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.octoplane.brain.agent.AgentServer;
import io.octoplane.certs.PemPair;
import io.octoplane.client.JobListener;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.e2e.support.InProcessBrainTest;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis (with its append-only file) restarts in the middle of a fan-out: the brain
 * recovers, the accepted job is not lost, and every node runs the command exactly once.
 */
class RedisRestartIT extends InProcessBrainTest {

	@TempDir
	Path work;

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	@Test
	void fanOutSurvivesRedisRestart() throws Exception {
		try (TentacleFleet fleet = new TentacleFleet(certs, this.work)) {
			List<String> nodes = fleet.startAll("redis", 8, this.agentServer.port());
			PemPair operator = certs.operator("alice");
			OctoplaneClient client = OctoplaneClient.builder()
				.baseUri(URI.create("https://localhost:" + this.port))
				.sslContext(PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()))
				.build();
			JobResponse accepted = client.jobs()
				.submit(new CommandRequest(nodes, CommandMode.SHELL, "echo ran >> runs.txt; sleep 1", 60L, null, 120L,
						"2", null, null, null));
			await().atMost(Duration.ofSeconds(60)).until(() -> client.jobs().get(accepted.id()).success() >= 2);
			redis.stop();
			Thread.sleep(2000);
			redis.start();
			JobResponse done = client.jobs().await(accepted.id(), Duration.ofSeconds(180), new JobListener() {
			});
			assertThat(done.success()).isEqualTo(nodes.size());
			for (String node : nodes) {
				assertThat(fleet.lines(node, "runs.txt")).as(node).containsExactly("ran");
			}
		}
	}

}
