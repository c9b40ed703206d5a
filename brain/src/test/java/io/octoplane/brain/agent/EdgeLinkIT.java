package io.octoplane.brain.agent;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import javax.net.ssl.SSLContext;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.node.NodeRecord;
import io.octoplane.brain.node.NodeRepository;
import io.octoplane.brain.security.ApiClient;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.Capabilities;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.HeartbeatAck;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.agent.LinkCompression;
import io.octoplane.protocol.agent.NodeStatus;
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
 * Capabilities, compression and heartbeat pace as a real TLS client meets them on the
 * agent port: a brain gives an older tentacle nothing it did not ask for, and says so in
 * the job result instead of letting the job wait for its timeout.
 */
class EdgeLinkIT extends BrainIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

	@LocalServerPort
	int port;

	@Autowired
	AgentServer server;

	@Autowired
	NodeRepository nodes;

	@Test
	void olderTentacleIsWelcomedWithoutCompressionAndAtTheBrainsPace() throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(context("old-edge1"), this.server.port())) {
			client.send(RawAgentClient.hello("old-edge1"));
			Welcome welcome = (Welcome) client.receive();
			assertThat(welcome.compression()).isNull();
			assertThat(welcome.heartbeatIntervalMillis()).isEqualTo(1000);
			assertThat(welcome.capabilities()).contains(Capabilities.GATEWAY, Capabilities.COMPRESS_DEFLATE);
			client.send(new Heartbeat(0, 1, null, -1, 0));
			assertThat(client.receive()).isInstanceOf(HeartbeatAck.class);
		}
	}

	@Test
	void tentacleThatAnnouncesCompressionSendsDeflatedFramesAndGetsAThinPace() throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(context("zip-edge1"), this.server.port())) {
			client.send(hello(Set.of(Capabilities.COMPRESS_DEFLATE, Capabilities.THIN_HEARTBEAT), 4000));
			Welcome welcome = (Welcome) client.receive();
			assertThat(welcome.compression()).isEqualTo(LinkCompression.UP);
			assertThat(welcome.heartbeatIntervalMillis()).isEqualTo(4000);
			OutputStream out = LinkCompression.deflating(client.out());
			NodeStatus status = new NodeStatus(2, 0.1, 0.1, 0.1, 10, 20, 30, 40, 50, 60);
			this.codec.write(out, new Heartbeat(0, 1, status, -1, 0));
			this.codec.write(out, new Heartbeat(1, 2, null, -1, 0));
			// Uncompressed downlink: a brain pays for a deflate stream only when asked.
			HeartbeatAck first = (HeartbeatAck) client.receive();
			HeartbeatAck second = (HeartbeatAck) client.receive();
			assertThat(second.seq()).isEqualTo(1);
			assertThat(first.heartbeatIntervalMillis()).isEqualTo(4000);
			// A heartbeat without status keeps the last status shown, once
			// both are written (in batches, within a fraction of the interval).
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				NodeRecord node = this.nodes.find("zip-edge1").orElseThrow();
				assertThat(node.lastSeen()).isEqualTo(Instant.ofEpochMilli(second.brainReceivedAtMillis()));
				assertThat(node.status()).isEqualTo(status);
			});
		}
	}

	@Test
	void tentacleThatAsksForBothDirectionsReadsDeflatedFrames() throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(context("zip-edge2"), this.server.port())) {
			client.send(hello(Set.of(Capabilities.COMPRESS_DEFLATE, Capabilities.COMPRESS_DOWN), 0));
			Welcome welcome = (Welcome) client.receive();
			assertThat(welcome.compression()).isEqualTo(LinkCompression.BOTH);
			OutputStream out = LinkCompression.deflating(client.out());
			InputStream in = LinkCompression.inflating(client.in());
			this.codec.write(out, new Heartbeat(7, 3, null, -1, 0));
			assertThat(this.codec.read(in, BrainMessage.class)).isInstanceOfSatisfying(HeartbeatAck.class,
					(ack) -> assertThat(ack.seq()).isEqualTo(7));
		}
	}

	@Test
	void httpGetForATentacleThatCannotRunItIsRejectedWithTheReason() throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(context("old-edge2"), this.server.port())) {
			client.send(RawAgentClient.hello("old-edge2"));
			assertThat(client.receive()).isInstanceOf(Welcome.class);
			HttpResponse<String> accepted = operator().post("/api/v1/commands",
					"{\"targets\":[\"old-edge2\"],\"mode\":\"http-get\",\"command\":"
							+ "\"{\\\"url\\\":\\\"http://127.0.0.1:9/\\\",\\\"maxBodyBytes\\\":100,"
							+ "\\\"timeoutMillis\\\":1000}\",\"timeout_seconds\":600}");
			assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
			String id = json.readTree(accepted.body()).get("id").asString();
			JsonNode result = await().atMost(Duration.ofSeconds(20))
				.until(() -> json.readTree(operator().get("/api/v1/jobs/" + id).body()).get("results").get(0),
						(node) -> "rejected".equals(node.get("state").asString()));
			assertThat(result.toString()).contains("mode:http-get").contains("cannot run http-get");
		}
	}

	@Test
	void httpGetIsSentToATentacleThatAnnouncesIt() throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(context("new-edge3"), this.server.port())) {
			client.send(hello(Set.of(Capabilities.mode(CommandMode.HTTP_GET)), 0));
			assertThat(client.receive()).isInstanceOf(Welcome.class);
			HttpResponse<String> accepted = operator().post("/api/v1/commands",
					"{\"targets\":[\"new-edge3\"],\"mode\":\"http-get\",\"command\":"
							+ "\"{\\\"url\\\":\\\"http://127.0.0.1:9/\\\",\\\"maxBodyBytes\\\":100,"
							+ "\\\"timeoutMillis\\\":1000}\"}");
			assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
			BrainMessage message = client.receive();
			for (int i = 0; i < 20 && !(message instanceof RunCommand); i++) {
				message = client.receive();
			}
			assertThat(message).isInstanceOfSatisfying(RunCommand.class,
					(run) -> assertThat(run.mode()).isEqualTo(CommandMode.HTTP_GET));
		}
	}

	@Test
	void malformedHttpGetRequestIsRefusedBeforeItReachesANode() throws Exception {
		HttpResponse<String> refused = operator().post("/api/v1/commands",
				"{\"targets\":[\"new-edge3\"],\"mode\":\"http-get\",\"command\":\"ftp://x\"}");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
	}

	private static Hello hello(Set<String> capabilities, long heartbeatMillis) {
		return new Hello("9.9.9", "edge", "Linux", "aarch64", System.currentTimeMillis(), capabilities,
				heartbeatMillis);
	}

	private static SSLContext context(String node) throws Exception {
		PemPair pair = certs.node(node);
		return PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert());
	}

	private ApiClient operator() throws Exception {
		return ApiClient.operator(certs, this.port);
	}

}
