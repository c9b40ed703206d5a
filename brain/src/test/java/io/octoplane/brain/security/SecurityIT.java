package io.octoplane.brain.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.agent.AgentServer;
import io.octoplane.brain.agent.RawAgentClient;
import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.KeyType;
import io.octoplane.certs.PemFiles;
import io.octoplane.certs.PemPair;
import io.octoplane.certs.SigningRequests;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.CertificateRenewed;
import io.octoplane.protocol.agent.Goodbye;
import io.octoplane.protocol.agent.RenewCertificate;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The attacks a security reviewer would try against the REST API and the agent port, each
 * with its expected refusal: workgroup isolation, passwords, tokens, enrollment,
 * revocation, renewal, and secrets kept out of logs and the audit trail.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityIT extends BrainIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String LAB_PASSWORD = "correct horse battery staple";

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	@TempDir
	Path work;

	@Test
	void workgroupSeesAndTargetsOnlyItsOwnNodes(CapturedOutput output) throws Exception {
		try (RawAgentClient inside = connect("wgin1"); RawAgentClient outside = connect("wgout1")) {
			assertThat(operator().put("/api/v1/workgroup/nodes?path=/wglab", "{\"nodes\":[\"wgin1\"]}").statusCode())
				.isEqualTo(200);
			assertThat(
					operator().put("/api/v1/workgroup/password?path=/wglab", "{\"password\":\"" + LAB_PASSWORD + "\"}")
						.statusCode())
				.isEqualTo(204);
			ApiClient lab = anonymous().basic("/wglab", LAB_PASSWORD);
			JsonNode nodes = json.readTree(lab.get("/api/v1/nodes").body());
			assertThat(nodes.get("nodes")).extracting((node) -> node.get("name").asString()).containsExactly("wgin1");
			HttpResponse<String> other = lab.get("/api/v1/nodes?name=wgout1");
			assertThat(other.statusCode()).isEqualTo(404);
			assertThat(other.body()).contains("node-not-found");
			HttpResponse<String> command = lab.post("/api/v1/commands",
					"{\"targets\":[\"wgout1\"],\"mode\":\"shell\",\"command\":\"true\"}");
			assertThat(command.statusCode()).isEqualTo(202);
			assertThat(command.body()).contains("\"state\":\"rejected\"").contains("no such node");
			assertThat(lab.post("/api/v1/commands", "{\"targets\":[\"@/\"],\"mode\":\"shell\",\"command\":\"true\"}")
				.statusCode()).isEqualTo(404);
			assertThat(lab.post("/api/v1/commands", "{\"targets\":[],\"mode\":\"shell\",\"command\":\"true\"}")
				.statusCode()).isEqualTo(400);
			assertThat(lab.actingIn("/").get("/api/v1/nodes").statusCode()).isEqualTo(404);
			JsonNode relative = json.readTree(operator().actingIn("wglab").get("/api/v1/nodes").body());
			assertThat(relative.get("nodes")).extracting((node) -> node.get("name").asString())
				.containsExactly("wgin1");
			assertThat(lab.actingIn("/wglab/../").get("/api/v1/nodes").statusCode()).isIn(400, 404);
			HttpResponse<String> expanded = operator().post("/api/v1/commands",
					"{\"targets\":[\"@wglab\"],\"mode\":\"shell\",\"command\":\"true\"}");
			assertThat(expanded.statusCode()).isEqualTo(202);
			assertThat(json.readTree(expanded.body()).get("results"))
				.extracting((result) -> result.get("name").asString())
				.containsExactly("wgin1");
			String jobId = json.readTree(expanded.body()).get("id").asString();
			assertThat(lab.get("/api/v1/jobs/" + jobId).statusCode()).isEqualTo(404);
		}
		assertThat(output.getAll()).doesNotContain(LAB_PASSWORD);
	}

	@Test
	void wrongPasswordAndMissingCredentialsAreUnauthenticated() throws Exception {
		HttpResponse<String> wrong = anonymous().basic("/", "not the password").get("/api/v1/nodes");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Basic"));
		assertThat(wrong.body()).contains("\"code\":\"unauthenticated\"");
		assertThat(anonymous().get("/api/v1/nodes").statusCode()).isEqualTo(401);
		assertThat(anonymous().bearer("opt_made-up").get("/api/v1/nodes").statusCode()).isEqualTo(401);
	}

	@Test
	void apiTokenWorksUntilRevokedOrExpired(CapturedOutput output) throws Exception {
		JsonNode created = json.readTree(
				operator().post("/api/v1/tokens", "{\"role\":\"operator\",\"ttl_seconds\":600,\"description\":\"ci\"}")
					.body());
		String secret = created.get("token").asString();
		ApiClient script = anonymous().bearer(secret);
		assertThat(script.get("/api/v1/nodes").statusCode()).isEqualTo(200);
		assertThat(operator().get("/api/v1/tokens").body()).doesNotContain(secret);
		assertThat(operator().delete("/api/v1/tokens/" + created.get("id").asString()).statusCode()).isEqualTo(204);
		assertThat(script.get("/api/v1/nodes").statusCode()).isEqualTo(401);
		String shortLived = json
			.readTree(operator().post("/api/v1/tokens", "{\"role\":\"operator\",\"ttl_seconds\":1}").body())
			.get("token")
			.asString();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> anonymous().bearer(shortLived).get("/api/v1/nodes").statusCode() == 401);
		assertThat(operator().get("/api/v1/audit?limit=200").body()).doesNotContain(secret).doesNotContain(shortLived);
		assertThat(output.getAll()).doesNotContain(secret).doesNotContain(shortLived);
	}

	@Test
	void enrollmentIssuesANodeCertificateOnceAndItConnects(CapturedOutput output) throws Exception {
		String token = json
			.readTree(operator().post("/api/v1/tokens", "{\"role\":\"node\",\"ttl_seconds\":600,\"uses\":1}").body())
			.get("token")
			.asString();
		KeyPair key = KeyType.EC_P256.generateKeyPair();
		String csr = SigningRequests.create(key, "enrolled1");
		HttpResponse<String> enrolled = anonymous().post("/api/v1/enroll", enroll(token, "enrolled1", csr));
		assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
		X509Certificate certificate = certificate(json.readTree(enrolled.body()).get("certificate_pem").asString());
		assertThat(CertificateRole.commonName(certificate)).isEqualTo("enrolled1");
		assertThat(CertificateRole.of(certificate)).contains(CertificateRole.NODE);
		assertThat(anonymous().post("/api/v1/enroll", enroll(token, "enrolled2", csr)).statusCode()).isEqualTo(401);
		String another = json
			.readTree(operator().post("/api/v1/tokens", "{\"role\":\"node\",\"ttl_seconds\":600}").body())
			.get("token")
			.asString();
		assertThat(anonymous().post("/api/v1/enroll", enroll(another, "enrolled1", csr)).statusCode()).isEqualTo(409);
		Path certFile = Files.writeString(this.work.resolve("enrolled1.pem"), PemFiles.toPem(certificate));
		Path keyFile = this.work.resolve("enrolled1-key.pem");
		PemFiles.writePrivateKey(keyFile, key.getPrivate(), false);
		try (RawAgentClient client = RawAgentClient.connect(PemTls.clientContext(certFile, keyFile, certs.caCert()),
				this.agentServer.port())) {
			client.send(RawAgentClient.hello("enrolled1"));
			assertThat(client.receive()).isInstanceOfSatisfying(Welcome.class,
					(welcome) -> assertThat(welcome.nodeName()).isEqualTo("enrolled1"));
		}
		assertThat(output.getAll()).doesNotContain(token).doesNotContain(another);
	}

	@Test
	void revokedAndPrunedNameEnrollsAgainWhileItsOldCertificateStaysRefused() throws Exception {
		SSLContext old = enrolled("reenroll1", KeyType.EC_P256.generateKeyPair());
		try (RawAgentClient client = RawAgentClient.connect(old, this.agentServer.port())) {
			client.send(RawAgentClient.hello("reenroll1"));
			assertThat(client.receive()).isInstanceOf(Welcome.class);
			assertThat(operator().post("/api/v1/nodes/reenroll1/revoke", "").statusCode()).isEqualTo(204);
			assertThat(receiveUntilGoodbye(client).retry()).isFalse();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> operator().delete("/api/v1/nodes?name=reenroll1").body().contains("reenroll1"));
		SSLContext fresh = enrolled("reenroll1", KeyType.EC_P256.generateKeyPair());
		try (RawAgentClient client = RawAgentClient.connect(fresh, this.agentServer.port())) {
			client.send(RawAgentClient.hello("reenroll1"));
			assertThat(client.receive()).isInstanceOf(Welcome.class);
		}
		try (RawAgentClient again = RawAgentClient.connect(old, this.agentServer.port())) {
			assertThat(again.receive()).isInstanceOfSatisfying(Goodbye.class,
					(goodbye) -> assertThat(goodbye.reason()).contains("revoked"));
		}
	}

	@Test
	void revokedNodeIsCutOffAndRefusedFromThenOn() throws Exception {
		SSLContext context = nodeContext("rev1");
		try (RawAgentClient client = RawAgentClient.connect(context, this.agentServer.port())) {
			client.send(RawAgentClient.hello("rev1"));
			assertThat(client.receive()).isInstanceOf(Welcome.class);
			assertThat(operator().post("/api/v1/nodes/rev1/revoke", "").statusCode()).isEqualTo(204);
			assertThat(receiveUntilGoodbye(client).retry()).isFalse();
		}
		try (RawAgentClient again = RawAgentClient.connect(context, this.agentServer.port())) {
			BrainMessage answer = again.receive();
			assertThat(answer).isInstanceOfSatisfying(Goodbye.class,
					(goodbye) -> assertThat(goodbye.reason()).contains("revoked"));
		}
		assertThat(operator().post("/api/v1/nodes/nobody/revoke", "").statusCode()).isEqualTo(404);
	}

	@Test
	void renewalKeepsTheNameOfTheConnectionNotOfTheRequest() throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(nodeContext("renew1"), this.agentServer.port())) {
			client.send(RawAgentClient.hello("renew1"));
			client.receive();
			client
				.send(new RenewCertificate(SigningRequests.create(KeyType.EC_P256.generateKeyPair(), "someone-else")));
			BrainMessage answer = client.receive();
			while (!(answer instanceof CertificateRenewed)) {
				answer = client.receive();
			}
			CertificateRenewed renewed = (CertificateRenewed) answer;
			assertThat(renewed.error()).isNull();
			assertThat(CertificateRole.commonName(certificate(renewed.certificatePem()))).isEqualTo("renew1");
		}
	}

	@Test
	void auditRecordsMutatingCallsWithCallerAndTargets() throws Exception {
		operator().post("/api/v1/commands", "{\"targets\":[\"audited1\"],\"mode\":\"shell\",\"command\":\"true\"}");
		JsonNode entries = json.readTree(operator().get("/api/v1/audit?limit=50").body()).get("entries");
		assertThat(entries).anySatisfy((entry) -> {
			assertThat(entry.get("caller").asString()).isEqualTo("alice");
			assertThat(entry.get("action").asString()).isEqualTo("POST /api/v1/commands");
			assertThat(entry.get("targets").get(0).asString()).isEqualTo("audited1");
			assertThat(entry.get("status").asInt()).isEqualTo(202);
		});
	}

	private SSLContext enrolled(String name, KeyPair key) throws Exception {
		String token = json
			.readTree(operator().post("/api/v1/tokens", "{\"role\":\"node\",\"ttl_seconds\":600,\"uses\":1}").body())
			.get("token")
			.asString();
		HttpResponse<String> enrolled = anonymous().post("/api/v1/enroll",
				enroll(token, name, SigningRequests.create(key, name)));
		assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
		Path dir = Files.createDirectories(this.work.resolve(name + "-" + key.getPublic().hashCode()));
		Path certFile = Files.writeString(dir.resolve("node.pem"),
				json.readTree(enrolled.body()).get("certificate_pem").asString());
		Path keyFile = dir.resolve("node-key.pem");
		PemFiles.writePrivateKey(keyFile, key.getPrivate(), false);
		return PemTls.clientContext(certFile, keyFile, certs.caCert());
	}

	private static String enroll(String token, String name, String csr) {
		return json.writeValueAsString(Map.of("token", token, "node_name", name, "csr_pem", csr));
	}

	private static Goodbye receiveUntilGoodbye(RawAgentClient client) throws IOException {
		for (int i = 0; i < 100; i++) {
			if (client.receive() instanceof Goodbye goodbye) {
				return goodbye;
			}
		}
		throw new AssertionError("no goodbye within 100 frames");
	}

	private static X509Certificate certificate(String pem) throws Exception {
		return (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
	}

	private RawAgentClient connect(String name) throws Exception {
		RawAgentClient client = RawAgentClient.connect(nodeContext(name), this.agentServer.port());
		client.send(RawAgentClient.hello(name));
		assertThat(client.receive()).isInstanceOf(Welcome.class);
		return client;
	}

	private static SSLContext nodeContext(String name) throws Exception {
		PemPair pair = certs.node(name);
		return PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert());
	}

	private ApiClient operator() throws Exception {
		return ApiClient.operator(certs, this.port);
	}

	private ApiClient anonymous() throws Exception {
		return ApiClient.of(this.port, PemTls.trustOnly(certs.caCert()));
	}

}
