package io.octoplane.brain.log;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.net.ssl.SSLContext;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.agent.AgentServer;
import io.octoplane.brain.agent.RawAgentClient;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code GET /api/v1/logs/brain} and {@code GET /api/v1/nodes/{name}/logs} on a real
 * brain: the brain's own rolling log file, who may read it, parameter limits, and nodes
 * that cannot answer.
 */
class LogIT extends BrainIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	@Autowired
	Environment environment;

	@Test
	void rootReadsTheBrainsOwnLogFile() throws Exception {
		Path file = Path.of(this.environment.getRequiredProperty("logging.file.name"));
		assertThat(file).exists();
		assertThat(Files.readString(file)).as("the brain logs into its file")
			.containsPattern("\\d{4}-\\d\\d-\\d\\dT[^ ]+ +INFO .* : Started ");
		String marker = "log-it-" + UUID.randomUUID();
		Files.writeString(file, Instant.now() + "  INFO 1 --- [octoplane-brain] [test] LogIT : " + marker + "\n",
				StandardOpenOption.APPEND);

		HttpResponse<String> recent = get(operator(), null, "/api/v1/logs/brain?lines=200&days=1");
		HttpResponse<String> one = get(operator(), null, "/api/v1/logs/brain?lines=1");

		assertThat(recent.statusCode()).as(recent.body()).isEqualTo(200);
		JsonNode body = json.readTree(recent.body());
		assertThat(body.get("source").asString()).isEqualTo("brain");
		assertThat(body.get("lines").size()).isBetween(1, 200);
		assertThat(recent.body()).contains(marker);
		assertThat(json.readTree(one.body()).get("lines").size()).isEqualTo(1);
	}

	@Test
	void brainLogRollsIntoFilesTheReaderFinds() {
		String name = this.environment.getRequiredProperty("logging.file.name");
		assertThat(this.environment.getRequiredProperty("logging.logback.rollingpolicy.file-name-pattern"))
			.isEqualTo(name + ".%d{yyyy-MM-dd}.%i");
		Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
		RollingFileAppender<?> file = (RollingFileAppender<?>) root.getAppender("FILE");
		// Logging belongs to the JVM: another brain started later by a test owns it then.
		assumeTrue(name.equals(file.getFile()), "logging was set up by another brain in this JVM");

		SizeAndTimeBasedRollingPolicy<?> policy = (SizeAndTimeBasedRollingPolicy<?>) file.getRollingPolicy();
		assertThat(policy.getFileNamePattern()).isEqualTo(name + ".%d{yyyy-MM-dd}.%i");
		assertThat(policy.getMaxHistory()).isEqualTo(7);
	}

	@Test
	void brainLogDoesNotExistBelowTheRoot() throws Exception {
		try (RawAgentClient node = connect("logwg1")) {
			assertThat(put(operator(), "/api/v1/workgroup/nodes?path=/logwg", "{\"nodes\":[\"logwg1\"]}").statusCode())
				.isEqualTo(200);
		}
		HttpResponse<String> response = get(operator(), "/logwg", "/api/v1/logs/brain");
		HttpResponse<String> invisible = get(operator(), "/logwg", "/api/v1/nodes/someone-else/logs");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"code\":\"not-found\"");
		assertThat(invisible.statusCode()).isEqualTo(404);
		assertThat(invisible.body()).contains("\"code\":\"node-not-found\"").contains("no such node someone-else");
	}

	@Test
	void outOfRangeParametersAreInvalidRequests() throws Exception {
		for (String query : new String[] { "lines=0", "lines=10001", "days=-1", "days=0", "days=367", "lines=many" }) {
			HttpResponse<String> brain = get(operator(), null, "/api/v1/logs/brain?" + query);
			HttpResponse<String> node = get(operator(), null, "/api/v1/nodes/anyone/logs?" + query);
			assertThat(brain.statusCode()).as(query).isEqualTo(400);
			assertThat(brain.body()).as(query).contains("\"code\":\"invalid-request\"");
			assertThat(node.statusCode()).as(query).isEqualTo(400);
		}
		assertThat(get(operator(), null, "/api/v1/logs/brain?lines=0").body())
			.contains("lines must be between 1 and 10000, got 0");
		assertThat(get(operator(), null, "/api/v1/logs/brain?days=-1").body())
			.contains("days must be between 1 and 366, got -1");
	}

	@Test
	void unknownNodeIsNotFound() throws Exception {
		HttpResponse<String> response = get(operator(), null, "/api/v1/nodes/no-such-log-node/logs");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"code\":\"node-not-found\"");
	}

	@Test
	void offlineNodeIsAClearConflictNotAWait() throws Exception {
		connect("logoff1").close();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get(operator(), null, "/api/v1/nodes?name=logoff1").body(),
					(body) -> body.contains("\"state\":\"offline\""));

		HttpResponse<String> response = get(operator(), null, "/api/v1/nodes/logoff1/logs?lines=10");

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.body()).contains("\"code\":\"node-offline\"").contains("node logoff1 is offline");
	}

	private RawAgentClient connect(String name) throws Exception {
		PemPair pair = certs.node(name);
		RawAgentClient client = RawAgentClient.connect(
				PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert()), this.agentServer.port());
		client.send(RawAgentClient.hello(name));
		assertThat(client.receive()).isInstanceOf(Welcome.class);
		return client;
	}

	private static SSLContext operator() throws Exception {
		PemPair operator = certs.operator("log-reader");
		return PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert());
	}

	private HttpResponse<String> get(SSLContext context, String workgroup, String path) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + path)).GET();
		if (workgroup != null) {
			request.header("X-Octoplane-Workgroup", workgroup);
		}
		return send(context, request);
	}

	private HttpResponse<String> put(SSLContext context, String path, String body) throws Exception {
		return send(context,
				HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + path))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	private static HttpResponse<String> send(SSLContext context, HttpRequest.Builder request) throws Exception {
		try (HttpClient client = HttpClient.newBuilder()
			.sslContext(context)
			.connectTimeout(Duration.ofSeconds(5))
			.version(HttpClient.Version.HTTP_1_1)
			.build()) {
			return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
		}
	}

}
