package io.octoplane.brain.metrics;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.agent.AgentServer;
import io.octoplane.brain.agent.RawAgentClient;
import io.octoplane.brain.node.NodeRecord;
import io.octoplane.brain.node.NodeRepository;
import io.octoplane.brain.revocation.RevocationRepository;
import io.octoplane.certs.PemFiles;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.Goodbye;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.HeartbeatAck;
import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.agent.ResultAck;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.metrics.PrometheusScrape;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Metrics of a real brain, read the way Prometheus reads them: from
 * {@code /actuator/prometheus} on the management port, checked by promtool. Each refusal
 * is provoked for real and must show in {@code octoplane_refusals_total}. Tight limits,
 * so a context of its own.
 */
@TestPropertySource(
		properties = { "octoplane.api.max-request-size=2KB", "octoplane.agent.max-connections-per-address=4",
				"octoplane.security.failed-logins-per-minute=3", "octoplane.security.burst=30",
				"octoplane.security.requests-per-second=0.1", "octoplane.agent.handshake-timeout=2s" })
class MetricsIT extends BrainIntegrationTest {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	AgentServer server;

	@Autowired
	RevocationRepository revocations;

	@Autowired
	NodeRepository nodes;

	@Test
	void exposesFleetMetricsAfterARealRun() throws Exception {
		try (RawAgentClient node = connect("metrics1")) {
			node.send(new Heartbeat(1, System.currentTimeMillis(), null, 850, 0));
			assertThat(node.receive()).isInstanceOf(HeartbeatAck.class);
			HttpResponse<String> accepted = post(operator("ops"), "/api/v1/commands",
					"{\"targets\":[\"metrics1\",\"nobody-here\"],\"mode\":\"shell\",\"command\":\"true\"}");
			assertThat(accepted.statusCode()).isEqualTo(202);
			BrainMessage run = node.receive();
			assertThat(run).isInstanceOf(RunCommand.class);
			String id = ((RunCommand) run).commandId();
			long now = System.currentTimeMillis();
			node.send(new CommandResult(id, CommandOutcome.SUCCEEDED, 0, "", "", false, now, now, null));
			assertThat(node.receive()).isInstanceOf(ResultAck.class);
			AtomicLong seq = new AtomicLong(2);
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				// Tests call a node unstable after 3 s of silence,
				// and the fleet counts may be up to 5 s old: keep
				// the node talking until a fresh count shows it.
				node.send(new Heartbeat(seq.getAndIncrement(), System.currentTimeMillis(), null, 850, 0));
				assertThat(node.receive()).isInstanceOf(HeartbeatAck.class);
				PrometheusScrape scrape = scrape();
				assertThat(scrape.value("octoplane_nodes", "state", "online")).isGreaterThanOrEqualTo(1);
				assertThat(scrape.has("octoplane_nodes", "state", "offline")).isTrue();
				assertThat(scrape.has("octoplane_nodes", "state", "unstable")).isTrue();
			});
			PrometheusScrape scrape = scrape();
			assertThat(scrape.value("octoplane_agent_connections")).isGreaterThanOrEqualTo(1);
			assertThat(scrape.value("octoplane_agent_heartbeats_total")).isGreaterThanOrEqualTo(1);
			assertThat(scrape.value("octoplane_agent_rtt_seconds_count")).isGreaterThanOrEqualTo(1);
			assertThat(scrape.value("octoplane_agent_rtt_seconds_bucket", "le", "+Inf")).isGreaterThanOrEqualTo(1);
			assertThat(scrape.value("octoplane_commands_total", "outcome", "succeeded")).isGreaterThanOrEqualTo(1);
			assertThat(scrape.value("octoplane_commands_total", "outcome", "rejected")).isGreaterThanOrEqualTo(1);
			assertThat(scrape.value("octoplane_command_fanout_seconds_count")).isGreaterThanOrEqualTo(1);
			assertThat(scrape.value("octoplane_agent_traffic_bytes_total", "direction", "in")).isPositive();
			assertThat(scrape.value("octoplane_agent_traffic_bytes_total", "direction", "out")).isPositive();
			assertThat(scrape.has("octoplane_queue_depth")).isTrue();
			assertThat(scrape.has("octoplane_queue_oldest_age_seconds")).isTrue();
			for (RefusalReason reason : RefusalReason.values()) {
				assertThat(scrape.has("octoplane_refusals_total", "reason", reason.slug())).as(reason.slug()).isTrue();
			}
			String findings = scrape.promtoolFindings();
			assertThat(findings.lines().filter((line) -> line.contains("octoplane_"))).isEmpty();
		}
	}

	@Test
	void publishesPerNodeSeriesAndReadinessThatTheAlertsUse() throws Exception {
		long before = System.currentTimeMillis() / 1000;
		try (RawAgentClient node = connect("pernode1")) {
			AtomicLong seq = new AtomicLong(1);
			NodeStatus status = new NodeStatus(2, 0.5, 0.4, 0.3, 100, 400, 900, 1000, 60, System.currentTimeMillis());
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				node.send(new Heartbeat(seq.getAndIncrement(), System.currentTimeMillis(), status, 850, 0));
				assertThat(node.receive()).isInstanceOf(HeartbeatAck.class);
				PrometheusScrape scrape = scrape();
				assertThat(scrape.value("octoplane_node_disk_usage_ratio", "node", "pernode1")).isEqualTo(0.9);
				assertThat(scrape.value("octoplane_node_last_seen_timestamp_seconds", "node", "pernode1"))
					.isGreaterThanOrEqualTo(before);
				assertThat(scrape.value("octoplane_node_connected_timestamp_seconds", "node", "pernode1"))
					.isGreaterThanOrEqualTo(before);
			});
			PrometheusScrape scrape = scrape();
			assertThat(scrape.value("octoplane_brain_ready")).isEqualTo(1);
			String rules = Files.readString(Path.of("..", "deploy", "prometheus", "alerts.yaml"));
			Matcher names = Pattern.compile("\\b(octoplane_[a-z_]+)\\b").matcher(rules);
			int used = 0;
			while (names.find()) {
				assertThat(scrape.has(names.group(1))).as("alert metric %s", names.group(1)).isTrue();
				used++;
			}
			assertThat(used).isGreaterThanOrEqualTo(8);
		}
	}

	@Test
	void grafanaDashboardQueriesParseAndUseOnlyExposedMetrics() throws Exception {
		Path dashboard = Path.of("..", "deploy", "grafana", "octoplane-dashboard.json");
		JsonNode panels = JsonMapper.builder().build().readTree(dashboard.toFile()).path("panels");
		List<String> expressions = new ArrayList<>();
		panels.forEach(
				(panel) -> panel.path("targets").forEach((target) -> expressions.add(target.path("expr").asString())));
		assertThat(expressions).hasSizeGreaterThan(10);
		// The REST panels need one request served first.
		assertThat(get(operator("ops"), "/api/v1/info").statusCode()).isEqualTo(200);
		PrometheusScrape scrape = scrape();
		Matcher names = Pattern.compile("\\b(octoplane_[a-z_]+|http_server_[a-z_]+|jvm_[a-z_]+)\\b")
			.matcher(String.join("\n", expressions));
		while (names.find()) {
			assertThat(scrape.text()).as("dashboard metric %s", names.group(1)).contains(names.group(1));
		}
		StringBuilder rules = new StringBuilder("groups:\n- name: dashboard\n  rules:\n");
		for (int i = 0; i < expressions.size(); i++) {
			rules.append("  - record: dashboard:query")
				.append(i)
				.append("\n    expr: '")
				.append(expressions.get(i).replace("'", "''"))
				.append("'\n");
		}
		assertThat(PrometheusScrape.promtoolCheckRules(rules.toString())).isEmpty();
	}

	@Test
	void commandWaitingForAnOfflineNodeShowsInTheQueue() throws Exception {
		try (RawAgentClient node = connect("queued1")) {
			assertThat(node).isNotNull();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> !isConnected("queued1"));
		HttpResponse<String> accepted = post(operator("ops"), "/api/v1/commands",
				"{\"targets\":[\"queued1\"],\"mode\":\"shell\",\"command\":\"true\",\"wait_offline_seconds\":600}");
		assertThat(accepted.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			PrometheusScrape scrape = scrape();
			assertThat(scrape.value("octoplane_queue_depth")).isGreaterThanOrEqualTo(1);
			assertThat(scrape.value("octoplane_queue_oldest_age_seconds")).isGreaterThanOrEqualTo(0);
		});
	}

	@Test
	void oversizedFrameIsCounted() throws Exception {
		assertCounted(RefusalReason.FRAME_SIZE, () -> {
			try (RawAgentClient client = RawAgentClient.connect(nodeContext("bigframe1"), this.server.port())) {
				client.sendRaw(new byte[] { 0x7f, 0, 0, 0, 1 });
				assertThat(client.receive()).isInstanceOf(Goodbye.class);
			}
		});
	}

	@Test
	void oversizedRequestBodyIsCountedAndAnsweredWithAProblem() throws Exception {
		assertCounted(RefusalReason.REQUEST_BODY_SIZE, () -> {
			HttpResponse<String> response = post(operator("ops"), "/api/v1/commands", "x".repeat(4096));
			assertThat(response.statusCode()).isEqualTo(413);
			assertThat(response.body()).contains("\"code\":\"payload-too-large\"");
		});
	}

	@Test
	void handshakeTimeoutIsCounted() throws Exception {
		double before = scrape().value("octoplane_agent_tls_handshake_failures_total", "reason", "timeout");
		assertCounted(RefusalReason.HANDSHAKE_TIMEOUT, () -> {
			try (Socket idle = new Socket("127.0.0.1", this.server.port())) {
				idle.setSoTimeout(15_000);
				// Send nothing; the brain hangs up by itself at the deadline.
				assertThat(drain(idle)).isTrue();
			}
		});
		assertThat(scrape().value("octoplane_agent_tls_handshake_failures_total", "reason", "timeout"))
			.isGreaterThan(before);
	}

	@Test
	void silentNodeIsCountedAsIdleTimeout() throws Exception {
		assertCounted(RefusalReason.IDLE_TIMEOUT, () -> {
			try (RawAgentClient client = connect("mute-metrics1")) {
				await().atMost(Duration.ofSeconds(15)).until(() -> !isConnected("mute-metrics1"));
			}
		});
	}

	@Test
	void connectionsBeyondThePerAddressLimitAreCounted() throws Exception {
		await().atMost(Duration.ofSeconds(15)).until(() -> scrape().value("octoplane_agent_connections") == 0);
		List<RawAgentClient> held = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				held.add(connect("crowd" + i));
			}
			assertCounted(RefusalReason.CONNECTIONS_PER_ADDRESS, () -> assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> connect("crowd-extra").close()));
		}
		finally {
			for (RawAgentClient client : held) {
				client.close();
			}
		}
	}

	@Test
	void requestRateIsCountedAndAnsweredWithRetryAfter() throws Exception {
		assertCounted(RefusalReason.REQUEST_RATE, () -> {
			SSLContext busy = operator("busy");
			HttpResponse<String> response = null;
			for (int i = 0; i < 40 && (response == null || response.statusCode() != 429); i++) {
				response = get(busy, "/api/v1/info");
			}
			assertThat(response.statusCode()).isEqualTo(429);
			assertThat(response.headers().firstValue("Retry-After")).isPresent();
			assertThat(response.body()).contains("\"code\":\"too-many-requests\"");
		});
	}

	@Test
	void failedLoginsAreCountedThenThrottled() throws Exception {
		double failures = scrape().value("octoplane_auth_failures_total", "method", "basic");
		assertCounted(RefusalReason.LOGIN_THROTTLE, () -> {
			SSLContext anonymous = PemTls.trustOnly(certs.caCert());
			HttpResponse<String> response = null;
			for (int i = 0; i < 10 && (response == null || response.statusCode() != 429); i++) {
				response = basic(anonymous, "/", "guess" + i, "/api/v1/nodes");
			}
			assertThat(response.statusCode()).isEqualTo(429);
			assertThat(response.body()).contains("\"code\":\"too-many-requests\"");
		});
		assertThat(scrape().value("octoplane_auth_failures_total", "method", "basic"))
			.isGreaterThanOrEqualTo(failures + 3);
	}

	@Test
	void revokedCertificateIsCounted() throws Exception {
		PemPair pair = certs.node("revoked-metrics1");
		this.revocations.revoke(PemFiles.readCertificate(pair.certificate()).getSerialNumber());
		assertCounted(RefusalReason.REVOKED_CERTIFICATE, () -> {
			try (RawAgentClient client = RawAgentClient.connect(
					PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert()), this.server.port())) {
				assertThat(client.receive()).isInstanceOfSatisfying(Goodbye.class,
						(goodbye) -> assertThat(goodbye.reason()).contains("revoked"));
			}
		});
	}

	@Test
	void operatorCertificateOnTheAgentPortIsCounted() throws Exception {
		PemPair operator = certs.operator("agent-port-alice");
		assertCounted(RefusalReason.CERTIFICATE_ROLE, () -> {
			try (RawAgentClient client = RawAgentClient.connect(
					PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()),
					this.server.port())) {
				assertThat(client.receive()).isInstanceOf(Goodbye.class);
			}
		});
	}

	@Test
	void failedTlsHandshakesAreCountedByReason() throws Exception {
		assertHandshakeFailure("no-certificate", PemTls.trustOnly(certs.caCert()));
		PemPair foreign = certs.foreignNode("foreign-metrics1");
		assertHandshakeFailure("untrusted",
				InsistentClientTls.context(foreign.certificate(), foreign.privateKey(), certs.caCert()));
		PemPair expired = certs.expiredNode("expired-metrics1");
		assertHandshakeFailure("expired",
				InsistentClientTls.context(expired.certificate(), expired.privateKey(), certs.caCert()));
	}

	private void assertHandshakeFailure(String reason, SSLContext context) throws Exception {
		double before = scrape().value("octoplane_agent_tls_handshake_failures_total", "reason", reason);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
			try (RawAgentClient client = RawAgentClient.connect(context, this.server.port())) {
				client.send(RawAgentClient.hello("x"));
				client.receive();
			}
		});
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			PrometheusScrape scrape = scrape();
			assertThat(scrape.value("octoplane_agent_tls_handshake_failures_total", "reason", reason))
				.as(() -> scrape.text()
					.lines()
					.filter((line) -> line.contains("handshake"))
					.reduce("scrape:", (a, b) -> a + "\n" + b))
				.isGreaterThan(before);
		});
	}

	private void assertCounted(RefusalReason reason, Action action) throws Exception {
		double before = scrape().value("octoplane_refusals_total", "reason", reason.slug());
		action.run();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(scrape().value("octoplane_refusals_total", "reason", reason.slug()))
				.as(reason.slug())
				.isGreaterThan(before));
	}

	private boolean isConnected(String node) {
		return this.nodes.find(node).map(NodeRecord::connected).orElse(false);
	}

	private static boolean drain(Socket socket) throws IOException {
		try {
			byte[] buffer = new byte[256];
			while (socket.getInputStream().read(buffer) >= 0) {
				// TLS alerts, if any; the end of the stream is what counts.
			}
		}
		catch (java.net.SocketException ex) {
			// A reset is an end too.
		}
		return true;
	}

	private RawAgentClient connect(String name) throws Exception {
		RawAgentClient client = RawAgentClient.connect(nodeContext(name), this.server.port());
		client.send(RawAgentClient.hello(name));
		assertThat(client.receive()).isInstanceOf(Welcome.class);
		return client;
	}

	private PrometheusScrape scrape() throws Exception {
		return PrometheusScrape.of(this.managementPort);
	}

	private static SSLContext nodeContext(String name) throws Exception {
		PemPair pair = certs.node(name);
		return PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert());
	}

	private static SSLContext operator(String name) throws Exception {
		PemPair pair = certs.operator(name);
		return PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert());
	}

	private HttpResponse<String> get(SSLContext context, String path) throws Exception {
		return send(context, HttpRequest.newBuilder(uri(path)).GET());
	}

	private HttpResponse<String> basic(SSLContext context, String user, String password, String path) throws Exception {
		String encoded = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return send(context, HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + encoded).GET());
	}

	private HttpResponse<String> post(SSLContext context, String path, String body) throws Exception {
		return send(context,
				HttpRequest.newBuilder(uri(path))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> send(SSLContext context, HttpRequest.Builder request) throws Exception {
		try (HttpClient client = HttpClient.newBuilder()
			.sslContext(context)
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build()) {
			return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private URI uri(String path) {
		return URI.create("https://localhost:" + this.port + path);
	}

	/** A step that may throw. */
	@FunctionalInterface
	private interface Action {

		void run() throws Exception;

	}

}
