package io.octoplane.brain.history;

import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.agent.AgentServer;
import io.octoplane.brain.agent.RawAgentClient;
import io.octoplane.brain.security.ApiClient;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A heartbeat with a status becomes a history point readable over REST, within the
 * caller's workgroup only.
 */
class NodeHistoryIT extends BrainIntegrationTest {

	private static final long GIB = 1L << 30;

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	@Test
	void heartbeatBecomesAPointOnlyItsWorkgroupSees() throws Exception {
		try (RawAgentClient client = connect("hist1"); RawAgentClient inside = connect("histin1")) {
			client.send(new Heartbeat(1, System.currentTimeMillis(),
					new NodeStatus(2, 0.75, 0.5, 0.25, 2 * GIB, 8 * GIB, 30 * GIB, 100 * GIB, 60, 0), 4_000, 0));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> operator().get("/api/v1/nodes/hist1/history?range=1h").body(),
						(body) -> body.contains("\"cpu_load\":0.75"));
			String body = operator().get("/api/v1/nodes/hist1/history?range=24h").body();
			assertThat(body).contains("\"memory_usage\":25.0")
				.contains("\"disk_usage\":30.0")
				.contains("\"delay_millis\":4")
				.contains("\"step_seconds\":60");
			assertThat(operator().get("/api/v1/nodes/hist1/history?range=7d").body()).contains("\"step_seconds\":900")
				.contains("\"cpu_load\":0.75");
			assertThat(operator().get("/api/v1/nodes/hist1/history?range=2y").statusCode()).isEqualTo(400);
			assertThat(
					operator().put("/api/v1/workgroup/nodes?path=/histlab", "{\"nodes\":[\"histin1\"]}").statusCode())
				.isBetween(200, 204);
			assertThat(operator().put("/api/v1/workgroup/password?path=/histlab", "{\"password\":\"lab password\"}")
				.statusCode()).isBetween(200, 204);
			HttpResponse<String> other = ApiClient.of(this.port, PemTls.trustOnly(certs.caCert()))
				.basic("/histlab", "lab password")
				.get("/api/v1/nodes/hist1/history");
			assertThat(other.statusCode()).isEqualTo(404);
			assertThat(other.body()).contains("node-not-found");
		}
	}

	private RawAgentClient connect(String name) throws Exception {
		PemPair pair = certs.node(name);
		SSLContext context = PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert());
		RawAgentClient client = RawAgentClient.connect(context, this.agentServer.port());
		client.send(RawAgentClient.hello(name));
		assertThat(client.receive()).isInstanceOf(Welcome.class);
		return client;
	}

	private ApiClient operator() throws Exception {
		return ApiClient.operator(certs, this.port);
	}

}
