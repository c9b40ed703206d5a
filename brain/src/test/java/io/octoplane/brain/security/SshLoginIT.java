package io.octoplane.brain.security;

import java.net.http.HttpResponse;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.agent.AgentServer;
import io.octoplane.brain.agent.RawAgentClient;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SSH logins are workgroup data: a workgroup stores logins only for nodes it sees, lists
 * and reads only its own, and nothing that could smuggle an option onto ssh's command
 * line is accepted.
 */
class SshLoginIT extends BrainIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	@Test
	void loginsBelongToTheWorkgroupThatSeesTheirNode() throws Exception {
		try (RawAgentClient inside = connect("sshin1"); RawAgentClient outside = connect("sshout1")) {
			assertThat(operator().put("/api/v1/workgroup/nodes?path=/sshlab", "{\"nodes\":[\"sshin1\"]}").statusCode())
				.isEqualTo(200);
			ApiClient lab = operator().actingIn("/sshlab");
			HttpResponse<String> saved = lab.put("/api/v1/ssh/sshin1",
					"{\"name\":\"sshin1\",\"node\":\"sshin1\",\"user\":\"pi\",\"port\":2222}");
			assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
			// A node outside the workgroup is unknown to it, exactly like a missing one.
			HttpResponse<String> foreign = lab.put("/api/v1/ssh/sshout1",
					"{\"name\":\"sshout1\",\"node\":\"sshout1\",\"user\":\"pi\",\"port\":22}");
			assertThat(foreign.statusCode()).isEqualTo(404);
			assertThat(foreign.body()).contains("node-not-found");

			JsonNode listed = json.readTree(lab.get("/api/v1/ssh").body());
			assertThat(listed.get("logins")).extracting((login) -> login.get("name").asString())
				.containsExactly("sshin1");
			assertThat(json.readTree(lab.get("/api/v1/ssh/sshin1").body()).get("port").asInt()).isEqualTo(2222);
			// The root workgroup has its own logins; the lab's are not among them.
			assertThat(operator().get("/api/v1/ssh/sshin1").statusCode()).isEqualTo(404);
			assertThat(json.readTree(operator().get("/api/v1/ssh").body()).get("logins")).isEmpty();

			assertThat(lab.delete("/api/v1/ssh/sshin1").statusCode()).isEqualTo(204);
			HttpResponse<String> gone = lab.get("/api/v1/ssh/sshin1");
			assertThat(gone.statusCode()).isEqualTo(404);
			assertThat(gone.body()).contains("no such ssh login");
			assertThat(lab.delete("/api/v1/ssh/sshin1").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void valuesThatWouldBecomeSshOptionsAreRefused() throws Exception {
		try (RawAgentClient node = connect("sshopt1")) {
			ApiClient operator = operator();
			assertInvalid(
					operator.put("/api/v1/ssh/sshopt1",
							"{\"name\":\"sshopt1\",\"node\":\"sshopt1\",\"user\":\"-oProxyCommand=sh\",\"port\":22}"),
					"user");
			assertInvalid(operator.put("/api/v1/ssh/sshopt1",
					"{\"name\":\"sshopt1\",\"node\":\"sshopt1\",\"user\":\"pi\",\"port\":0}"), "port");
			assertInvalid(operator.put("/api/v1/ssh/-x", "{\"name\":\"-x\",\"node\":\"sshopt1\",\"port\":22}"),
					"login name");
			assertInvalid(operator.put("/api/v1/ssh/one", "{\"name\":\"two\",\"node\":\"sshopt1\",\"port\":22}"),
					"the body names login 'two'");
			assertThat(operator.put("/api/v1/ssh/sshopt1", "{not json").statusCode()).isEqualTo(400);
		}
	}

	private static void assertInvalid(HttpResponse<String> response, String mentions) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.body()).contains("invalid-request").contains(mentions);
	}

	private RawAgentClient connect(String name) throws Exception {
		PemPair pair = certs.node(name);
		RawAgentClient client = RawAgentClient.connect(
				PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert()), this.agentServer.port());
		client.send(RawAgentClient.hello(name));
		assertThat(client.receive()).isInstanceOf(Welcome.class);
		return client;
	}

	private ApiClient operator() throws Exception {
		return ApiClient.operator(certs, this.port);
	}

}
