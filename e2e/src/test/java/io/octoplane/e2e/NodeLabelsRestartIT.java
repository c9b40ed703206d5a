package io.octoplane.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.octoplane.certs.PemPair;
import io.octoplane.client.OctoplaneApiException;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.protocol.api.NodeFactsResponse;
import io.octoplane.protocol.selector.LabelChange;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.tentacle.config.FactSettings;
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
 * Operator labels and the selection indexes live in Redis, not in the brain: a brain
 * killed with SIGKILL and started again selects the same nodes, and the tentacles' fresh
 * reports after the reconnect keep the operators' labels.
 */
class NodeLabelsRestartIT {

	private static final Duration WAIT = Duration.ofSeconds(90);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	static final CertFixtures certs = BrainTestSupport.certificates();

	@TempDir
	Path work;

	@Test
	void labelsAndSelectionsSurviveABrainRestart() throws Exception {
		BrainArgs args = BrainArgs.withFreePorts(certs, redis.port(), this.work.resolve("brain"));
		try (BrainProcess brain = BrainProcess.start(args.toList(), this.work.resolve("brain.log")).awaitReady(WAIT);
				TentacleFleet fleet = new TentacleFleet(certs, this.work)) {
			for (String node : List.of("pi1", "cam1")) {
				fleet.start(node, args.agentPort(), new FactSettings(Map.of("site", "lab"), null, Duration.ofSeconds(5),
						1024, Duration.ofMinutes(5)));
			}
			OctoplaneClient client = client(args);
			Instant first = awaitFacts(client, "cam1", Instant.EPOCH);
			client.labels().label("cam1", LabelChange.parse(List.of("role=camera")));
			assertThat(client.labels().select("site=lab,role!=camera")).containsExactly("pi1");

			brain.kill();
			brain.restart().awaitReady(WAIT);
			// The tentacle reconnects and reports again; the operator's label stays.
			awaitFacts(client, "cam1", first);
			assertThat(client.labels().labels("cam1").operator()).isEqualTo(Map.of("role", "camera"));
			assertThat(client.labels().select("role=camera")).containsExactly("cam1");
			assertThat(client.labels().select("site=lab,role!=camera")).containsExactly("pi1");
		}
	}

	private static Instant awaitFacts(OctoplaneClient client, String node, Instant after) {
		NodeFactsResponse facts = await().atMost(WAIT)
			.ignoreExceptionsInstanceOf(OctoplaneApiException.class)
			.until(() -> client.labels().facts(node),
					(reported) -> reported.reportedAt() != null && reported.reportedAt().isAfter(after));
		return facts.reportedAt();
	}

	private static OctoplaneClient client(BrainArgs args) throws Exception {
		PemPair operator = certs.operator("alice");
		return OctoplaneClient.builder()
			.baseUri(URI.create(args.restUri()))
			.sslContext(PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()))
			.build();
	}

}
