package io.octoplane.octl.cmd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.octoplane.octl.ApiFixtures;
import io.octoplane.octl.OctlFixture;
import io.octoplane.octl.OctlRun;
import io.octoplane.octl.StubBrain;
import io.octoplane.octl.sdk.OctoplaneJson;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class CmdRunCommandTests {

	@TempDir
	Path dir;

	private OctlFixture octl;

	private StubBrain brain;

	private Path config;

	@BeforeEach
	void startBrain() {
		this.octl = OctlFixture.create(this.dir);
		this.brain = StubBrain.start(this.octl.certs());
		this.config = this.octl.writeConfig(this.brain.uri());
	}

	@AfterEach
	void stopBrain() {
		this.brain.close();
	}

	@Test
	void allSucceededExitsZeroWithResultsJson() {
		this.brain.answerJson("POST", ApiPaths.COMMANDS, ApiFixtures
			.commandResponse(ApiFixtures.succeeded("pi1", "up 3 days\n"), ApiFixtures.succeeded("pi2", "up 1 day\n")));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "pi2");
		assertThat(run.exitCode()).isZero();
		assertThat(run.err()).isEmpty();
		JsonNode json = run.json();
		assertThat(json.path("id").asString()).isEqualTo("cmd-1");
		assertThat(json.path("success").asInt()).isEqualTo(2);
		assertThat(json.path("communication_error").asInt()).isZero();
		assertThat(json.path("process_error").asInt()).isZero();
		JsonNode pi1 = json.path("results").get(0);
		assertThat(pi1.path("name").asString()).isEqualTo("pi1");
		assertThat(pi1.path("state").asString()).isEqualTo("succeeded");
		assertThat(pi1.path("error_kind").asString()).isEqualTo("none");
		assertThat(pi1.path("exit_code").asInt()).isZero();
		assertThat(pi1.path("output").asString()).isEqualTo("up 3 days\n");
	}

	@Test
	void bareCommandRunsInShellModeWithConfiguredTimeout() {
		this.brain.answerJson("POST", ApiPaths.COMMANDS,
				ApiFixtures.commandResponse(ApiFixtures.succeeded("pi1", ""), ApiFixtures.succeeded("pi2", "")));
		this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "pi2");
		JsonNode body = sentBody();
		assertThat(body.path("mode").asString()).isEqualTo("shell");
		assertThat(body.path("command").asString()).isEqualTo("uptime");
		assertThat(body.path("targets").toString()).isEqualTo("[\"pi1\",\"pi2\"]");
		assertThat(body.path("timeout_seconds").asLong()).isEqualTo(60);
	}

	@Test
	void shellOptionTimeoutAndOutputLimitAreSent() {
		this.brain.answerJson("POST", ApiPaths.COMMANDS, ApiFixtures.commandResponse(ApiFixtures.succeeded("pi1", "")));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-c", "ls -la", "pi1", "--timeout", "5m",
				"--output-limit", "4096");
		assertThat(run.exitCode()).isZero();
		JsonNode body = sentBody();
		assertThat(body.path("mode").asString()).isEqualTo("shell");
		assertThat(body.path("command").asString()).isEqualTo("ls -la");
		assertThat(body.path("timeout_seconds").asLong()).isEqualTo(300);
		assertThat(body.path("output_limit_bytes").asInt()).isEqualTo(4096);
	}

	@Test
	void backgroundOptionSendsBackgroundMode() {
		this.brain.answerJson("POST", ApiPaths.COMMANDS, ApiFixtures.commandResponse(ApiFixtures.succeeded("pi1", "")));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-bg", "./server", "pi1");
		assertThat(run.exitCode()).isZero();
		assertThat(sentBody().path("mode").asString()).isEqualTo("background");
		assertThat(sentBody().path("command").asString()).isEqualTo("./server");
	}

	@Test
	void scriptOptionSendsTheFileContent() throws IOException {
		Path script = Files.writeString(this.dir.resolve("deploy.sh"), "#!/bin/sh\necho deployed \"$(hostname)\"\n");
		this.brain.answerJson("POST", ApiPaths.COMMANDS, ApiFixtures.commandResponse(ApiFixtures.succeeded("pi1", "")));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-ss", script.toString(), "pi1");
		assertThat(run.exitCode()).isZero();
		JsonNode body = sentBody();
		assertThat(body.path("mode").asString()).isEqualTo("script");
		assertThat(body.path("command").asString()).isEqualTo("#!/bin/sh\necho deployed \"$(hostname)\"\n");
		assertThat(body.path("targets").toString()).isEqualTo("[\"pi1\"]");
	}

	@Test
	void missingScriptIsInvalidInput() {
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-ss", this.dir.resolve("nope.sh").toString(), "pi1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("script file", "nope.sh", "does not exist");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void oversizedScriptIsInvalidInput() throws IOException {
		Path script = Files.write(this.dir.resolve("big.sh"), new byte[1024 * 1024 + 1]);
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-ss", script.toString(), "pi1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("1048577 bytes", "the limit is 1 MiB");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void oneNodeFailedExitsOneAndNamesIt() {
		this.brain.answerJson("POST", ApiPaths.COMMANDS,
				ApiFixtures.commandResponse(ApiFixtures.succeeded("pi1", "ok\n"), ApiFixtures.failed("pi2", "boom\n")));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "false", "pi1", "pi2");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.json().path("process_error").asInt()).isEqualTo(1);
		assertThat(run.err().strip()).isEqualTo("octl: command did not succeed on 1 of 2 nodes: pi2 (failed, exit 1)");
	}

	@Test
	void printsTableWithIndentedOutput() {
		this.brain.answerJson("POST", ApiPaths.COMMANDS,
				ApiFixtures.commandResponse(ApiFixtures.succeeded("pi1", "line one\nline two\n"),
						ApiFixtures.failed("pi2", "boom\n"), ApiFixtures.offline("pi3")));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "x", "pi1", "pi2", "pi3", "-o", "table");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out()).isEqualTo("""
				NODE  STATE      EXIT
				pi1   succeeded  0
				pi2   failed     1
				pi3   offline    -

				pi1:
				    line one
				    line two

				pi2:
				  stderr:
				    boom

				pi3:
				  error: node is offline
				""");
	}

	@Test
	void twoModesAreAUsageError() {
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-c", "ls", "-bg", "ls", "pi1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("use only one of -c, -bg and -ss");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void commandWithoutNodeIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("name at least one node");
	}

	@Test
	void badTimeoutIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "--timeout", "soon");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("invalid duration 'soon'");
	}

	@Test
	void invalidRequestProblemIsInvalidInput() {
		this.brain.answerProblem("POST", ApiPaths.COMMANDS, ErrorCode.INVALID_REQUEST, "timeout_seconds is too large");
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "--timeout", "1000h");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("timeout_seconds is too large");
	}

	private JsonNode sentBody() {
		return OctoplaneJson.mapper().readTree(this.brain.lastRequest().body());
	}

}
