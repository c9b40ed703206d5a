package io.octoplane.brain.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST port over real HTTPS: who may call it, and that every error is a problem
 * document with a code.
 */
class RestApiIT extends BrainIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void operatorListsNodes() throws Exception {
		HttpResponse<String> response = get(operator(), "/api/v1/nodes");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"brain\"").contains("\"name\":\"test-brain\"").contains("\"total\"");
	}

	@Test
	void infoNamesTheBrain() throws Exception {
		HttpResponse<String> response = get(operator(), "/api/v1/info");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"name\":\"test-brain\"").contains("\"version\"");
	}

	@Test
	void nodeCertificateIsForbidden() throws Exception {
		PemPair node = certs.node("pi1");
		HttpResponse<String> response = get(PemTls.clientContext(node.certificate(), node.privateKey(), certs.caCert()),
				"/api/v1/nodes");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"code\":\"forbidden\"").contains("urn:octoplane:problem:forbidden");
	}

	@Test
	void serverCertificateIsForbidden() throws Exception {
		PemPair brain = certs.brain();
		HttpResponse<String> response = get(
				PemTls.clientContext(brain.certificate(), brain.privateKey(), certs.caCert()), "/api/v1/nodes");
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void callerWithoutAnyCredentialsIsUnauthenticated() throws Exception {
		HttpResponse<String> response = get(PemTls.trustOnly(certs.caCert()), "/api/v1/nodes");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
	}

	@Test
	void callerWithForeignCertificateIsRefused() throws Exception {
		PemPair foreign = certs.foreignNode("intruder");
		SSLContext context = PemTls.clientContext(foreign.certificate(), foreign.privateKey(), certs.caCert());
		try {
			// The API port asks for a certificate without requiring one, so an
			// untrusted one either fails the handshake or counts for nothing.
			assertThat(get(context, "/api/v1/nodes").statusCode()).isEqualTo(401);
		}
		catch (java.io.IOException ex) {
			assertThat(ex).isInstanceOfAny(javax.net.ssl.SSLException.class, java.io.IOException.class);
		}
	}

	@Test
	void unknownNodeIsProblemWithCode() throws Exception {
		HttpResponse<String> response = get(operator(), "/api/v1/nodes?name=nope");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"code\":\"node-not-found\"").contains("nope");
	}

	@Test
	void badStateFilterIsInvalidRequest() throws Exception {
		HttpResponse<String> response = get(operator(), "/api/v1/nodes?state=sleepy");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"code\":\"invalid-request\"");
	}

	@Test
	void malformedJsonIsInvalidRequest() throws Exception {
		HttpResponse<String> response = post(operator(), "/api/v1/commands", "{\"targets\": [");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"code\":\"invalid-request\"");
	}

	@Test
	void commandWithoutTargetsIsInvalidRequest() throws Exception {
		HttpResponse<String> response = post(operator(), "/api/v1/commands",
				"{\"targets\":[],\"mode\":\"shell\",\"command\":\"true\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("at least one node");
	}

	@Test
	void commandWithTraversalLikeTargetIsInvalidRequest() throws Exception {
		HttpResponse<String> response = post(operator(), "/api/v1/commands",
				"{\"targets\":[\"../etc\"],\"mode\":\"shell\",\"command\":\"true\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("not a valid node name");
	}

	@Test
	void fileModesCannotBeStartedThroughTheCommandApi() throws Exception {
		for (String mode : List.of("file-receive", "file-send", "file-list")) {
			HttpResponse<String> response = post(operator(), "/api/v1/commands",
					"{\"targets\":[\"pi1\"],\"mode\":\"" + mode + "\",\"command\":\"{}\"}");
			assertThat(response.statusCode()).as(mode).isEqualTo(400);
			assertThat(response.body()).as(mode).contains("is for file transfers only");
		}
	}

	@Test
	void commandTooLongTimeoutIsInvalidRequest() throws Exception {
		HttpResponse<String> response = post(operator(), "/api/v1/commands",
				"{\"targets\":[\"pi1\"],\"mode\":\"shell\",\"command\":\"true\",\"timeout_seconds\":999999999}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("timeout_seconds");
	}

	@Test
	void commandToUnknownNodeIsRejectedForThatNode() throws Exception {
		HttpResponse<String> response = post(operator(), "/api/v1/commands",
				"{\"targets\":[\"ghost\"],\"mode\":\"shell\",\"command\":\"true\"}");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).startsWith("/api/v1/jobs/"));
		assertThat(response.body()).contains("\"state\":\"rejected\"")
			.contains("\"error_kind\":\"communication\"")
			.contains("\"communication_error\":1");
	}

	@Test
	void unknownJobIsProblemWithCode() throws Exception {
		HttpResponse<String> response = get(operator(), "/api/v1/jobs/no-such-job");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"code\":\"job-not-found\"");
	}

	@Test
	void badFanOutLimitIsInvalidRequest() throws Exception {
		HttpResponse<String> response = post(operator(), "/api/v1/commands",
				"{\"targets\":[\"pi1\"],\"mode\":\"shell\",\"command\":\"true\",\"max_errors\":\"lots\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("max_errors");
	}

	@Test
	void oversizedBodyIsRefusedWithPayloadTooLarge() throws Exception {
		String huge = "{\"targets\":[\"pi1\"],\"mode\":\"shell\",\"command\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}";
		HttpResponse<String> response = post(operator(), "/api/v1/commands", huge);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("\"code\":\"payload-too-large\"");
	}

	@Test
	void nodeCertificateCannotSneakInThroughPathVariants() throws Exception {
		PemPair node = certs.node("sneaky1");
		SSLContext context = PemTls.clientContext(node.certificate(), node.privateKey(), certs.caCert());
		for (String path : List.of("/api;x/v1/nodes", "/%61pi/v1/nodes", "/api/v1/../v1/nodes", "//api/v1/nodes")) {
			HttpResponse<String> response = get(context, path);
			assertThat(response.statusCode()).as(path).isIn(400, 403, 404);
			assertThat(response.body()).as(path).doesNotContain("\"brain\"");
		}
	}

	@Test
	void unknownPathIsProblemWithCode() throws Exception {
		HttpResponse<String> response = get(operator(), "/api/v1/nothing-here");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"code\":\"not-found\"");
	}

	private SSLContext operator() throws Exception {
		PemPair operator = certs.operator("alice");
		return PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert());
	}

	private HttpResponse<String> get(SSLContext context, String path) throws Exception {
		return send(context, HttpRequest.newBuilder(uri(path)).GET());
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
			.connectTimeout(Duration.ofSeconds(5))
			.version(HttpClient.Version.HTTP_1_1)
			.build()) {
			return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private URI uri(String path) {
		return URI.create("https://localhost:" + this.port + path);
	}

}
