package io.octoplane.brain.file;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.agent.AgentServer;
import io.octoplane.brain.agent.RawAgentClient;
import io.octoplane.brain.file.TransferTokens.Direction;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.DataOpen;
import io.octoplane.protocol.agent.DataReady;
import io.octoplane.protocol.agent.Goodbye;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.server.blob.BlobStore;
import io.octoplane.server.blob.StoredBlob;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Data connections and blobs against a real brain: a transfer token is bound to its nodes
 * and completes once (a fetch when the node closed after the last byte), resumes send
 * only the rest, limits hold, a send cut short stores nothing, and a blob of another
 * workgroup is answered like a missing one.
 */
class DataConnectionIT extends BrainIntegrationTest {

	private static final byte[] CONTENT = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.UTF_8);

	@Autowired
	AgentServer server;

	@Autowired
	TransferTokens tokens;

	@Autowired
	BlobStore blobs;

	@Autowired
	FileProperties files;

	@LocalServerPort
	int port;

	@Test
	void unknownTokenIsRefused() throws Exception {
		try (RawAgentClient client = connect("dc1")) {
			client.send(new DataOpen("ab".repeat(24), 0, 0));
			assertThat(client.receive()).isInstanceOfSatisfying(Goodbye.class, (goodbye) -> {
				assertThat(goodbye.reason()).contains("unknown, expired, already used or not for node dc1");
				assertThat(goodbye.retry()).isFalse();
			});
		}
	}

	@Test
	void tokenServesOnlyItsNodeAndOnlyOnce() throws Exception {
		StoredBlob blob = this.blobs.store(new ByteArrayInputStream(CONTENT), 1000);
		String token = this.tokens.issue(Direction.TO_NODE, blob.sha256(), "/", List.of("dc2"), Duration.ofMinutes(1));
		try (RawAgentClient other = connect("dc3")) {
			other.send(new DataOpen(token, 0, 0));
			assertThat(other.receive()).isInstanceOf(Goodbye.class);
		}
		try (RawAgentClient owner = connect("dc2")) {
			owner.send(new DataOpen(token, 0, 0));
			assertThat(owner.receive()).isEqualTo(new DataReady(CONTENT.length));
			assertThat(owner.in().readNBytes(CONTENT.length)).isEqualTo(CONTENT);
		}
		// Spent once the brain has seen the node close after the last byte.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.tokens.find(token, "dc2").isEmpty());
		try (RawAgentClient again = connect("dc2")) {
			again.send(new DataOpen(token, 0, 0));
			assertThat(again.receive()).isInstanceOf(Goodbye.class);
		}
	}

	@Test
	void fetchTheNodeHasNotConfirmedCanBeResumedWithTheSameToken() throws Exception {
		StoredBlob blob = this.blobs.store(new ByteArrayInputStream(CONTENT), 1000);
		String token = this.tokens.issue(Direction.TO_NODE, blob.sha256(), "/", List.of("dc6"), Duration.ofMinutes(1));
		try (RawAgentClient cutOff = connect("dc6")) {
			cutOff.send(new DataOpen(token, 0, 0));
			assertThat(cutOff.receive()).isEqualTo(new DataReady(CONTENT.length));
			// The brain wrote every byte, but this end has not read them all nor closed:
			// to the brain that looks like a link cut while the end was on its way.
			assertThat(cutOff.in().readNBytes(10)).isEqualTo(Arrays.copyOf(CONTENT, 10));
			try (RawAgentClient resume = connect("dc6")) {
				resume.send(new DataOpen(token, 10, 0));
				assertThat(resume.receive()).isEqualTo(new DataReady(CONTENT.length));
				assertThat(resume.in().readNBytes(CONTENT.length - 10))
					.isEqualTo(Arrays.copyOfRange(CONTENT, 10, CONTENT.length));
			}
		}
	}

	@Test
	void resumedFetchGetsOnlyTheRestAndAnOffsetPastTheEndIsRefused() throws Exception {
		StoredBlob blob = this.blobs.store(new ByteArrayInputStream(CONTENT), 1000);
		String token = this.tokens.issue(Direction.TO_NODE, blob.sha256(), "/", List.of("dc4"), Duration.ofMinutes(1));
		try (RawAgentClient beyond = connect("dc4")) {
			beyond.send(new DataOpen(token, CONTENT.length + 1, 0));
			assertThat(beyond.receive()).isInstanceOfSatisfying(Goodbye.class,
					(goodbye) -> assertThat(goodbye.reason()).contains("beyond"));
		}
		try (RawAgentClient resume = connect("dc4")) {
			resume.send(new DataOpen(token, 10, 0));
			assertThat(resume.receive()).isEqualTo(new DataReady(CONTENT.length));
			assertThat(resume.in().readNBytes(CONTENT.length - 10))
				.isEqualTo(Arrays.copyOfRange(CONTENT, 10, CONTENT.length));
		}
	}

	@Test
	void sendOverTheLimitIsRefusedAndASendCutShortStoresNothing() throws Exception {
		String token = this.tokens.issue(Direction.FROM_NODE, "", "/", List.of("dc5"), Duration.ofMinutes(1));
		try (RawAgentClient huge = connect("dc5")) {
			huge.send(new DataOpen(token, 0, Long.MAX_VALUE / 2));
			assertThat(huge.receive()).isInstanceOfSatisfying(Goodbye.class,
					(goodbye) -> assertThat(goodbye.reason()).contains("octoplane.file.max-blob-size"));
		}
		try (RawAgentClient cut = connect("dc5")) {
			cut.send(new DataOpen(token, 0, 1000));
			cut.sendRaw(Arrays.copyOf(CONTENT, 10));
		}
		Path incoming = this.files.blobDir().resolve("incoming");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			try (Stream<Path> left = Files.list(incoming)) {
				assertThat(left).isEmpty();
			}
		});
		// The token was not spent by the failed send.
		try (RawAgentClient retry = connect("dc5")) {
			retry.send(new DataOpen(token, 0, CONTENT.length));
			retry.sendRaw(CONTENT);
			BrainMessage answer = retry.receive();
			assertThat(answer).hasFieldOrPropertyWithValue("sizeBytes", (long) CONTENT.length);
		}
	}

	@Test
	void blobOfAnotherWorkgroupIsAnsweredLikeAMissingOne() throws Exception {
		try (RawAgentClient node = connect("fwnode")) {
			node.send(RawAgentClient.hello("fwnode"));
			node.receive();
			blobOfAnotherWorkgroup();
		}
	}

	private void blobOfAnotherWorkgroup() throws Exception {
		HttpResponse<String> stored = send(operator(), null,
				HttpRequest.newBuilder(uri("/api/v1/files/blobs"))
					.header("Content-Type", "application/octet-stream")
					.POST(HttpRequest.BodyPublishers.ofByteArray("root secret".getBytes(StandardCharsets.UTF_8))));
		assertThat(stored.statusCode()).isEqualTo(201);
		String sha256 = stored.body().replaceAll(".*\"sha256\":\"([0-9a-f]{64})\".*", "$1");
		assertThat(send(operator(), null,
				HttpRequest.newBuilder(uri("/api/v1/workgroup/nodes?path=/fwlab"))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString("{\"nodes\":[\"fwnode\"]}")))
			.statusCode()).isEqualTo(200);
		assertThat(send(operator(), null,
				HttpRequest.newBuilder(uri("/api/v1/workgroup/password?path=/fwlab"))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"correct horse battery\"}")))
			.statusCode()).isEqualTo(204);
		String lab = "Basic "
				+ Base64.getEncoder().encodeToString("/fwlab:correct horse battery".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> hidden = send(anonymous(), lab,
				HttpRequest.newBuilder(uri("/api/v1/files/blobs/" + sha256)).GET());
		HttpResponse<String> missing = send(anonymous(), lab,
				HttpRequest.newBuilder(uri("/api/v1/files/blobs/" + "0".repeat(64))).GET());
		assertThat(hidden.statusCode()).isEqualTo(404);
		assertThat(hidden.body()).contains("\"code\":\"not-found\"");
		assertThat(hidden.body().replace(sha256, "X")).isEqualTo(missing.body().replace("0".repeat(64), "X"));
		HttpResponse<String> install = send(anonymous(), lab, HttpRequest.newBuilder(uri("/api/v1/files/uploads"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"targets\":[\"fwnode\"],\"sha256\":\"" + sha256
					+ "\",\"kind\":\"file\",\"name\":\"x\",\"target_dir\":\"/tmp\",\"create_target\":false,\"mode\":420}")));
		assertThat(install.statusCode()).isEqualTo(404);
		assertThat(send(operator(), null, HttpRequest.newBuilder(uri("/api/v1/files/blobs/" + sha256)).GET()).body())
			.isEqualTo("root secret");
		HttpResponse<String> badName = send(operator(), null, HttpRequest.newBuilder(uri("/api/v1/files/uploads"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"targets\":[\"fwnode\"],\"sha256\":\"" + sha256
					+ "\",\"kind\":\"file\",\"name\":\"../x\",\"target_dir\":\"/tmp\",\"create_target\":false,\"mode\":420}")));
		assertThat(badName.statusCode()).isEqualTo(400);
		assertThat(badName.body()).contains("not a plain file name");
		String audit = send(operator(), null, HttpRequest.newBuilder(uri("/api/v1/audit?limit=50")).GET()).body();
		assertThat(audit).contains("POST /api/v1/files/blobs").contains("POST /api/v1/files/uploads");
	}

	private RawAgentClient connect(String node) throws Exception {
		PemPair pair = certs.node(node);
		return RawAgentClient.connect(PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert()),
				this.server.port());
	}

	private SSLContext operator() throws Exception {
		PemPair operator = certs.operator("blob-owner");
		return PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert());
	}

	private SSLContext anonymous() throws Exception {
		return PemTls.trustOnly(certs.caCert());
	}

	private URI uri(String path) {
		return URI.create("https://localhost:" + this.port + path);
	}

	private static HttpResponse<String> send(SSLContext tls, String authorization, HttpRequest.Builder request)
			throws Exception {
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try (HttpClient client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build()) {
			return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
		}
	}

}
