package io.octoplane.octl.http;

import java.util.List;
import java.util.Map;

import io.octoplane.client.OctoplaneJson;
import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.ErrorKind;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.http.HttpGetResult;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.octoplane.testsupport.api.ApiFixtures.job;
import static io.octoplane.testsupport.api.ApiFixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

class HttpGetCommandTests extends StubBrainCommandTest {

	@Test
	void sendsAnHttpGetJobAndPrintsWhatTheNodeGot() {
		HttpGetResult answer = new HttpGetResult(200, Map.of("content-type", List.of("text/plain")), "ok\n", false);
		accept(succeeded("pi1", OctoplaneJson.mapper().writeValueAsString(answer)));
		OctlRun run = this.octl.run(this.config, "http", "get", "pi1", "http://localhost:9100/metrics", "--max-body",
				"4096");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.json().path("status").asInt()).isEqualTo(200);
		assertThat(run.json().path("body").asString()).isEqualTo("ok\n");
		JsonNode body = OctoplaneJson.mapper()
			.readTree(this.brain.requests("POST", ApiPaths.COMMANDS).getLast().body());
		assertThat(body.path("mode").asString()).isEqualTo("http-get");
		JsonNode spec = OctoplaneJson.mapper().readTree(body.path("command").asString());
		assertThat(spec.path("url").asString()).isEqualTo("http://localhost:9100/metrics");
		assertThat(spec.path("maxBodyBytes").asInt()).isEqualTo(4096);
	}

	@Test
	void tableShowsStatusHeadersAndBody() {
		HttpGetResult answer = new HttpGetResult(404, Map.of("server", List.of("tiny")), "not here", false);
		accept(succeeded("pi1", OctoplaneJson.mapper().writeValueAsString(answer)));
		OctlRun run = this.octl.run(this.config, "http", "get", "pi1", "http://localhost/x", "-o", "table");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).startsWith("HTTP 404\nserver: tiny\n\nnot here");
	}

	@Test
	void olderTentacleIsReportedNotWaitedFor() {
		accept(new NodeCommandResult("pi1", "rejected", ErrorKind.COMMUNICATION, null, "", "", false, null,
				"this node's tentacle (0.1.0) cannot run http-get commands"));
		OctlRun run = this.octl.run(this.config, "http", "get", "pi1", "http://localhost/");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("rejected").contains("cannot run http-get");
	}

	@Test
	void urlThatIsNotHttpIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "http", "get", "pi1", "ftp://x/");
		assertThat(run.exitCode()).isEqualTo(2);
	}

	private void accept(NodeCommandResult... results) {
		this.brain.answers("POST", ApiPaths.COMMANDS,
				Answer.json(202, job(results)).withHeader("Location", ApiFixtures.jobPath()));
	}

}
