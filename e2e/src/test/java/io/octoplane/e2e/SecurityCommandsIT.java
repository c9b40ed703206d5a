package io.octoplane.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.octoplane.brain.agent.AgentServer;
import io.octoplane.client.OctoplaneApiException;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.e2e.support.InProcessBrainTest;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.TentacleState;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The security commands of octl against a real brain: workgroups, tokens, the audit trail
 * and node revocation, driven in-process as an operator would.
 */
class SecurityCommandsIT extends InProcessBrainTest {

	@TempDir
	Path work;

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	private TentacleFleet fleet;

	private Path config;

	@BeforeEach
	void setUp() throws Exception {
		this.fleet = new TentacleFleet(certs, this.work);
		this.config = OperatorOctlConfig.write(this.work, certs, "https://localhost:" + this.port);
	}

	@AfterEach
	void tearDown() {
		this.fleet.close();
	}

	@Test
	void workgroupsAreManagedWithOctl() throws Exception {
		this.fleet.startAll("wgcmd", 2, this.agentServer.port());
		OctlRun added = octl("wg", "add", "/octl-lab", "wgcmd01");
		assertThat(added.exitCode()).as(added.err()).isZero();
		assertThat(added.json().get("nodes").get(0).asString()).isEqualTo("wgcmd01");
		assertThat(octl("wg", "ls").json().get("children").toString()).contains("/octl-lab");
		assertThat(octl("wg", "add", "/octl-lab", "nosuchnode").exitCode()).isEqualTo(3);
		OctlRun removed = octl("wg", "rm", "/octl-lab", "wgcmd01");
		assertThat(removed.exitCode()).as(removed.err()).isZero();
		assertThat(removed.json().get("nodes")).isEmpty();
		assertThat(octl("wg", "rm", "/octl-lab").exitCode()).isEqualTo(2);
		assertThat(octl("wg", "rm", "/octl-lab", "--yes").exitCode()).isZero();
		assertThat(octl("wg", "get", "/octl-lab").exitCode()).isEqualTo(3);
		JsonNode audit = octl("audit", "--limit", "100").json().get("entries");
		assertThat(audit).anySatisfy((entry) -> {
			assertThat(entry.get("action").asString()).startsWith("PUT /api/v1/workgroup/nodes");
			assertThat(entry.get("caller").asString()).isEqualTo("alice");
		});
	}

	@Test
	void apiTokenCreatedWithOctlWorksUntilRevoked() throws Exception {
		OctlRun created = octl("token", "create", "--role", "operator", "--ttl", "1h", "--description", "ci");
		assertThat(created.exitCode()).as(created.err()).isZero();
		String secret = created.json().get("token").asString();
		String id = created.json().get("id").asString();
		OctoplaneClient script = OctoplaneClient.builder()
			.baseUri(URI.create("https://localhost:" + this.port))
			.sslContext(PemTls.trustOnly(certs.caCert()))
			.authentication((request) -> request.header("Authorization", "Bearer " + secret))
			.build();
		assertThat(script.nodes().list(List.of(), null).brain().name()).isEqualTo("test-brain");
		OctlRun listed = octl("token", "list");
		assertThat(listed.out()).contains(id).doesNotContain(secret);
		assertThat(octl("token", "revoke", id).exitCode()).isZero();
		assertThatExceptionOfType(OctoplaneApiException.class).isThrownBy(() -> script.nodes().list(List.of(), null))
			.satisfies((ex) -> assertThat(ex.httpStatus()).isEqualTo(401));
	}

	@Test
	void revokedNodeIsCutOffAndStaysOut() throws Exception {
		this.fleet.startAll("revcmd", 1, this.agentServer.port());
		assertThat(octl("node", "revoke", "revcmd01").exitCode()).isEqualTo(2);
		OctlRun revoked = octl("node", "revoke", "revcmd01", "--yes");
		assertThat(revoked.exitCode()).as(revoked.err()).isZero();
		Tentacle tentacle = this.fleet.start("revcmd01", this.agentServer.port());
		// The brain refuses the revoked certificate
		// for good, so the tentacle stops dialling.
		assertThat(tentacle.awaitState(TentacleState.STOPPED, Duration.ofSeconds(30))).isTrue();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> octl("node", "get", "revcmd01").json().get("nodes").get(0).get("state").asString(),
					"offline"::equals);
	}

	private OctlRun octl(String... args) {
		return InProcessOctl.run(this.config, this.work, args);
	}

}
