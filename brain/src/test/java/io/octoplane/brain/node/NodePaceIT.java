package io.octoplane.brain.node;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.agent.AgentServer;
import io.octoplane.brain.agent.RawAgentClient;
import io.octoplane.brain.security.ApiClient;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.Capabilities;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.HeartbeatAck;
import io.octoplane.protocol.agent.Hello;
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
 * A node that asked for a slower heartbeat than the brain's is judged by its own pace,
 * alike in a page of the listing, its counts, the state filters and the full listing. The
 * brain of these tests beats every second, unstable after 3 s, offline after 6 s; a node
 * at 2 s is unstable only after 6 s of silence and offline after 12 s.
 */
class NodePaceIT extends BrainIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String NODE = "pace-slow1";

	@LocalServerPort
	int port;

	@Autowired
	AgentServer server;

	@Test
	void nodeAtASlowerPaceStaysOnlineBetweenBeatsAndIsLateOnlyAtItsOwnThresholds() throws Exception {
		List<Seen> seen = new CopyOnWriteArrayList<>();
		ApiClient operator = ApiClient.operator(certs, this.port);
		long hello = System.nanoTime();
		try (RawAgentClient client = RawAgentClient.connect(context(NODE), this.server.port())) {
			client.send(new Hello("9.9.9", "edge", "Linux", "aarch64", System.currentTimeMillis(),
					Set.of(Capabilities.THIN_HEARTBEAT), 2000));
			assertThat(((Welcome) client.receive()).heartbeatIntervalMillis()).isEqualTo(2000);
			client.send(new Heartbeat(0, System.currentTimeMillis(), null, -1, 0));
			assertThat(client.receive()).isInstanceOf(HeartbeatAck.class);
			// Silent from here on: the brain drops the link at its own 12 s.
			await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() -> {
				Seen now = observe(operator, hello);
				seen.add(now);
				return now.paged().equals("offline") && now.listed().equals("offline");
			});
		}
		// Deadlines count from the connection or a later frame, so no state turns
		// before its threshold after the Hello; a slow test only sees it later.
		assertThat(seen).filteredOn((each) -> each.end() < 6000)
			.allSatisfy((each) -> assertThat(List.of(each.paged(), each.listed())).containsOnly("online"));
		assertThat(seen).as("online past the brain's own unstable-after").anySatisfy((each) -> {
			assertThat(each.start()).isGreaterThan(3500);
			assertThat(each.paged()).isEqualTo("online");
		});
		assertThat(seen).filteredOn((each) -> each.end() < 12000)
			.allSatisfy((each) -> assertThat(List.of(each.paged(), each.listed())).doesNotContain("offline"));
		assertThat(seen).as("unstable between its own thresholds, in the page and the filter").anySatisfy((each) -> {
			assertThat(each.paged()).isEqualTo("unstable");
			assertThat(each.inUnstableFilter()).isTrue();
		});
		Seen last = seen.getLast();
		assertThat(last.offlineCount()).isEqualTo(1);
		assertThat(last.onlineCount()).isZero();
		JsonNode offline = page(operator, "state=offline&pattern=" + NODE);
		assertThat(offline.get("total").asInt()).isEqualTo(1);
		assertThat(offline.get("nodes").get(0).get("name").asString()).isEqualTo(NODE);
		assertThat(page(operator, "state=online&pattern=" + NODE).get("total").asInt()).isZero();
	}

	private static Seen observe(ApiClient operator, long helloNanos) throws Exception {
		long start = (System.nanoTime() - helloNanos) / 1_000_000;
		JsonNode paged = page(operator, "pattern=" + NODE);
		JsonNode listed = json.readTree(operator.get("/api/v1/nodes?name=" + NODE).body());
		boolean unstable = page(operator, "state=unstable&pattern=" + NODE).get("total").asInt() == 1;
		long end = (System.nanoTime() - helloNanos) / 1_000_000;
		return new Seen(start, end, paged.get("nodes").get(0).get("state").asString(),
				listed.get("nodes").get(0).get("state").asString(), unstable, paged.get("online").asInt(),
				paged.get("offline").asInt());
	}

	private static JsonNode page(ApiClient operator, String query) throws Exception {
		return json.readTree(operator.get("/api/v1/nodes?limit=10&" + query).body());
	}

	private static SSLContext context(String node) throws Exception {
		PemPair pair = certs.node(node);
		return PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert());
	}

	/**
	 * One look at the node, between two times after its Hello: its state in a page and in
	 * the full listing, whether the unstable filter held it, and the page's counts.
	 */
	private record Seen(long start, long end, String paged, String listed, boolean inUnstableFilter, int onlineCount,
			int offlineCount) {
	}

}
