package io.octoplane.brain.node;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.agent.AgentServer;
import io.octoplane.brain.agent.RawAgentClient;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Node listings over real HTTPS against real connections: the unpaged call answers as it
 * always did, pages follow each other by cursor, and states come from the liveness index
 * as connections come and go.
 */
class NodeListingIT extends BrainIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	AgentServer server;

	@Autowired
	JsonMapper json;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void pagesFollowEachOtherAndCountEveryMatch() throws Exception {
		List<RawAgentClient> clients = new ArrayList<>();
		try {
			for (String name : List.of("page-a", "page-b", "page-c")) {
				clients.add(connect(name));
			}
			NodeListResponse first = list("?pattern=page-*&limit=2");
			assertThat(first.nodes()).extracting("name").containsExactly("page-a", "page-b");
			assertThat(first.total()).isEqualTo(3);
			assertThat(first.online()).isEqualTo(3);
			assertThat(first.nextCursor()).isNotNull();
			NodeListResponse second = list("?pattern=page-*&limit=2&cursor=" + first.nextCursor());
			assertThat(second.nodes()).extracting("name").containsExactly("page-c");
			assertThat(second.nextCursor()).isNull();
			clients.remove(0).close();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(list("?pattern=page-*&state=offline&limit=10").nodes()).extracting("name")
							.containsExactly("page-a"));
			assertThat(list("?pattern=page-*&state=online&limit=10").total()).isEqualTo(2);
		}
		finally {
			for (RawAgentClient client : clients) {
				client.close();
			}
		}
	}

	@Test
	void listingWithoutPagingParametersHasNoCursor() throws Exception {
		HttpResponse<String> response = get("");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"total\"").doesNotContain("next_cursor");
	}

	@Test
	void aPageReadsTheHashesOfItsOwnNodesOnly() throws Exception {
		List<RawAgentClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 12; i++) {
				clients.add(connect("hash-" + i));
			}
			long beforePage = hashReads();
			assertThat(list("?pattern=hash-*&limit=2").nodes()).hasSize(2);
			long page = hashReads() - beforePage;
			long beforeAll = hashReads();
			assertThat(list("").nodes()).hasSizeGreaterThanOrEqualTo(12);
			long unpaged = hashReads() - beforeAll;
			// Heartbeats may read a hash meanwhile, but never ten of them.
			assertThat(page).isLessThan(10);
			assertThat(unpaged).isGreaterThanOrEqualTo(12);
		}
		finally {
			for (RawAgentClient client : clients) {
				client.close();
			}
		}
	}

	@Test
	void foreignCursorIsAnInvalidRequest() throws Exception {
		HttpResponse<String> response = get("?cursor=%25%25");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"code\":\"invalid-request\"");
	}

	/** HGETALL calls Redis has served so far, from its own command statistics. */
	private long hashReads() {
		Properties stats = this.redis
			.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands().info("commandstats"));
		String hgetall = (stats != null) ? stats.getProperty("cmdstat_hgetall") : null;
		if (hgetall == null) {
			return 0;
		}
		Matcher calls = Pattern.compile("calls=(\\d+)").matcher(hgetall);
		return calls.find() ? Long.parseLong(calls.group(1)) : 0;
	}

	private RawAgentClient connect(String name) throws Exception {
		PemPair node = certs.node(name);
		RawAgentClient client = RawAgentClient
			.connect(PemTls.clientContext(node.certificate(), node.privateKey(), certs.caCert()), this.server.port());
		client.send(RawAgentClient.hello(name));
		assertThat(client.receive()).isInstanceOf(Welcome.class);
		return client;
	}

	private NodeListResponse list(String query) throws Exception {
		HttpResponse<String> response = get(query);
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readValue(response.body(), NodeListResponse.class);
	}

	private HttpResponse<String> get(String query) throws Exception {
		PemPair operator = certs.operator("lister");
		SSLContext context = PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert());
		HttpClient http = HttpClient.newBuilder().sslContext(context).build();
		return http.send(
				HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + "/api/v1/nodes" + query)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
