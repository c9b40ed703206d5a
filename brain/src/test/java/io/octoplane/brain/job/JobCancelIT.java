package io.octoplane.brain.job;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.agent.AgentServer;
import io.octoplane.brain.agent.RawAgentClient;
import io.octoplane.brain.security.ApiClient;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.CancelCommand;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.CommandStarted;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/v1/jobs/{id}/cancel} answers with what it did: a node that was running
 * the job and takes a moment to stop it is shown {@code cancelled}, not still
 * {@code running}, and the counters agree.
 */
class JobCancelIT extends BrainIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	@Test
	void cancelAnswersOnceTheRunningNodeHasStopped() throws Exception {
		PemPair pair = certs.node("cancel1");
		try (RawAgentClient node = RawAgentClient.connect(
				PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert()), this.agentServer.port())) {
			node.send(RawAgentClient.hello("cancel1"));
			assertThat(node.receive()).isInstanceOf(Welcome.class);
			HttpResponse<String> accepted = operator().post("/api/v1/commands",
					"{\"targets\":[\"cancel1\"],\"mode\":\"shell\",\"command\":\"sleep 60\"}");
			assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
			String id = json.readTree(accepted.body()).get("id").asString();
			RunCommand run = receive(node, RunCommand.class);
			node.send(new CommandStarted(run.commandId(), System.currentTimeMillis()));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> json.readTree(operator().get("/api/v1/jobs/" + id).body())
					.get("results")
					.get(0)
					.get("state")
					.asString(), "running"::equals);

			// Fresh, so the silent test node is nowhere near offline while the job stops.
			node.send(new Heartbeat(1, System.currentTimeMillis(), null, 850, 0));
			// The node needs a moment to stop its process, as a real one does.
			CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
				try {
					CancelCommand cancel = receive(node, CancelCommand.class);
					TimeUnit.MILLISECONDS.sleep(700);
					long now = System.currentTimeMillis();
					node.send(new CommandResult(cancel.commandId(), CommandOutcome.CANCELLED, -1, "", "", false, now,
							now, cancel.reason()));
				}
				catch (IOException | InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			});
			HttpResponse<String> cancelled = operator().post("/api/v1/jobs/" + id + "/cancel", "");
			assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
			JsonNode job = json.readTree(cancelled.body());
			assertThat(job.get("state").asString()).isEqualTo("cancelled");
			assertThat(job.get("pending").asInt()).isZero();
			assertThat(job.get("cancelled").asInt()).isEqualTo(1);
			assertThat(job.get("results").get(0).get("state").asString()).isEqualTo("cancelled");
			stopping.get(20, TimeUnit.SECONDS);
		}
	}

	private static <T extends BrainMessage> T receive(RawAgentClient node, Class<T> type) throws IOException {
		for (int i = 0; i < 100; i++) {
			BrainMessage message = node.receive();
			if (type.isInstance(message)) {
				return type.cast(message);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " within 100 frames");
	}

	private ApiClient operator() throws Exception {
		return ApiClient.operator(certs, this.port);
	}

}
