package io.octoplane.brain.node;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.agent.AgentServer;
import io.octoplane.brain.agent.RawAgentClient;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeStatusInfo;
import io.octoplane.protocol.api.NodeStatusResponse;
import io.octoplane.protocol.tls.PemTls;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Target lists over real HTTPS: {@code ALL} and {@code @group} resolve on the brain,
 * within the acting workgroup only, mixed with names; {@code brain} in a status list is
 * the brain's own host.
 */
class TargetListsIT extends BrainIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	AgentServer server;

	@Autowired
	WorkgroupService workgroups;

	@Autowired
	JsonMapper json;

	private final List<RawAgentClient> clients = new ArrayList<>();

	@BeforeEach
	void fleet() throws Exception {
		for (String name : List.of("tl-a", "tl-b", "tl-c")) {
			this.clients.add(connect(name));
		}
		this.workgroups.enroll("/tl-lab", "tl-a");
		this.workgroups.enroll("/tl-lab", "tl-b");
		this.workgroups.enroll("/tl-ops", "tl-c");
	}

	@AfterEach
	void disconnect() throws Exception {
		for (RawAgentClient client : this.clients) {
			client.close();
		}
		this.clients.clear();
	}

	@Test
	void groupsAndNamesMixInANodeListing() throws Exception {
		assertThat(list("?name=@tl-lab", null).nodes()).extracting("name").containsExactly("tl-a", "tl-b");
		assertThat(list("?name=tl-c&name=@tl-lab", null).nodes()).extracting("name")
			.containsExactly("tl-a", "tl-b", "tl-c");
		assertThat(list("?name=@tl-lab&limit=10", null).total()).isEqualTo(2);
	}

	@Test
	void allIsEveryNodeOfTheActingWorkgroupAndNoOther() throws Exception {
		assertThat(list("?name=ALL", "/tl-lab").nodes()).extracting("name").containsExactly("tl-a", "tl-b");
		assertThat(list("?name=ALL&limit=10", "/tl-lab").total()).isEqualTo(2);
		assertThat(list("?name=ALL", null).nodes()).extracting("name").contains("tl-a", "tl-b", "tl-c");
		HttpResponse<String> foreignNode = get(ApiPaths.NODES + "?name=ALL&name=tl-c", "/tl-lab");
		assertThat(foreignNode.statusCode()).isEqualTo(404);
		assertThat(foreignNode.body()).contains("\"code\":\"node-not-found\"").contains("tl-c");
		HttpResponse<String> foreignGroup = get(ApiPaths.NODES + "?name=" + encode("@/tl-ops"), "/tl-lab");
		assertThat(foreignGroup.statusCode()).isEqualTo(404);
		assertThat(foreignGroup.body()).contains("\"code\":\"workgroup-not-found\"");
	}

	@Test
	void unknownNamesStayNotFoundBesideGroups() throws Exception {
		HttpResponse<String> response = get(ApiPaths.NODES + "?name=@tl-lab&name=tl-nope", null);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("no such node: tl-nope");
	}

	@Test
	void stateFilterTakesOctopodaNames() throws Exception {
		assertThat(list("?name=@tl-lab&state=ready", null).nodes()).hasSize(2);
		assertThat(list("?name=@tl-lab&state=dead", null).nodes()).isEmpty();
		assertThat(list("?name=@tl-lab&state=unstable", null).nodes()).isEmpty();
		HttpResponse<String> sideways = get(ApiPaths.NODES + "?state=sideways", null);
		assertThat(sideways.statusCode()).isEqualTo(400);
		assertThat(sideways.body()).contains("\"code\":\"invalid-request\"");
	}

	@Test
	void statusOfBrainIsTheBrainsHost() throws Exception {
		HttpResponse<String> mixed = get(ApiPaths.NODE_STATUS + "?name=brain&name=@tl-lab", null);
		assertThat(mixed.statusCode()).as(mixed.body()).isEqualTo(200);
		NodeStatusResponse status = this.json.readValue(mixed.body(), NodeStatusResponse.class);
		NodeStatusInfo brain = status.nodes().get(0);
		assertThat(brain.name()).isEqualTo("brain");
		assertThat(brain.cpuCores()).isPositive();
		assertThat(brain.memoryTotal()).isPositive();
		assertThat(brain.diskTotal()).isPositive();
		assertThat(brain.uptimeSeconds()).isPositive();
		NodeStatusResponse only = this.json.readValue(get(ApiPaths.NODE_STATUS + "?name=brain", "/tl-lab").body(),
				NodeStatusResponse.class);
		assertThat(only.nodes()).extracting("name").containsExactly("brain");
		HttpResponse<String> route = get(ApiPaths.BRAIN_STATUS, null);
		assertThat(route.statusCode()).isEqualTo(200);
		assertThat(this.json.readValue(route.body(), NodeStatusInfo.class).name()).isEqualTo("brain");
	}

	@Test
	void pruneOfAGroupLeavesItsOnlineNodes() throws Exception {
		HttpResponse<String> response = send(
				request(ApiPaths.NODES + "?name=" + encode("@tl-lab"), null).DELETE().build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("tl-a").doesNotContain("tl-b");
		assertThat(list("?name=@tl-lab", null).nodes()).hasSize(2);
	}

	private RawAgentClient connect(String name) throws Exception {
		PemPair node = certs.node(name);
		RawAgentClient client = RawAgentClient
			.connect(PemTls.clientContext(node.certificate(), node.privateKey(), certs.caCert()), this.server.port());
		client.send(RawAgentClient.hello(name));
		assertThat(client.receive()).isInstanceOf(Welcome.class);
		return client;
	}

	private NodeListResponse list(String query, @Nullable String workgroup) throws Exception {
		HttpResponse<String> response = get(ApiPaths.NODES + query.replace("@", "%40"), workgroup);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readValue(response.body(), NodeListResponse.class);
	}

	private HttpResponse<String> get(String pathAndQuery, @Nullable String workgroup) throws Exception {
		return send(request(pathAndQuery, workgroup).GET().build());
	}

	private HttpRequest.Builder request(String pathAndQuery, @Nullable String workgroup) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("https://localhost:" + this.port + pathAndQuery));
		if (workgroup != null) {
			request.header(ApiPaths.WORKGROUP_HEADER, workgroup);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		PemPair operator = certs.operator("targets");
		SSLContext context = PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert());
		HttpClient http = HttpClient.newBuilder().sslContext(context).build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
