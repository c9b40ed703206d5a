package io.octoplane.octl.wg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import io.octoplane.octl.OctlFixture;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.WorkgroupResponse;
import io.octoplane.testsupport.api.StubBrain;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.api.StubBrain.Request;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class WgCommandTests {

	private static final String PASSWORD = "correct-horse-battery";

	@TempDir
	Path dir;

	private OctlFixture octl;

	private StubBrain brain;

	@BeforeEach
	void startBrain() {
		this.octl = OctlFixture.create(this.dir);
		this.brain = StubBrain.startAskingForCertificate(this.octl.certs());
	}

	@AfterEach
	void stopBrain() {
		this.brain.close();
	}

	@Test
	void pwdWithACertificateAsksTheBrainWithoutAWorkgroupHeader() {
		Path config = this.octl.writeConfig(this.brain.uri());
		this.brain.answerJson("GET", ApiPaths.WORKGROUP, workgroup("/"));
		OctlRun run = this.octl.run(config, "wg", "pwd", "-o", "table");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).isEqualTo("/\n");
		Request request = this.brain.lastRequest();
		assertThat(request.query()).isNull();
		assertThat(request.workgroup()).isNull();
		assertThat(request.authorization()).isNull();
		assertThat(request.clientCertificate()).contains("CN=alice");
	}

	@Test
	void pwdSendsTheConfiguredWorkgroup() {
		Path config = this.octl.writePasswordConfig(this.brain.uri(), "/lab", PASSWORD, "workgroup: /lab/pis\n");
		this.brain.answerJson("GET", ApiPaths.WORKGROUP, workgroup("/lab/pis"));
		OctlRun run = this.octl.run(config, "wg", "pwd");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.json().get("path").asString()).isEqualTo("/lab/pis");
		assertThat(this.brain.lastRequest().workgroup()).isEqualTo("/lab/pis");
		assertThat(this.brain.lastRequest().authorization()).startsWith("Basic ");
		assertThat(this.brain.lastRequest().clientCertificate()).isNull();
	}

	@Test
	void cdResolvesRelativePathsAndDotDotAndRewritesOnlyTheWorkgroupLine() throws Exception {
		Path config = this.octl.writePasswordConfig(this.brain.uri(), "/lab", PASSWORD,
				"# my lab\nworkgroup: /lab  # set by octl wg cd\ntimeout: 30s\n");
		String before = Files.readString(config);
		this.brain.answerJson("GET", ApiPaths.WORKGROUP, workgroup("/lab/pis"));
		OctlRun down = this.octl.run(config, "wg", "cd", "pis", "-o", "table");
		assertThat(down.exitCode()).as(down.err()).isZero();
		assertThat(down.out()).isEqualTo("/lab/pis\n");
		assertThat(this.brain.lastRequest().workgroup()).isEqualTo("/lab/pis");
		assertThat(this.brain.lastRequest().query()).isNull();
		assertThat(Files.readString(config)).isEqualTo(before.replace("workgroup: /lab  #", "workgroup: /lab/pis  #"));

		this.brain.answerJson("GET", ApiPaths.WORKGROUP, workgroup("/lab"));
		OctlRun up = this.octl.run(config, "wg", "cd", "..");
		assertThat(up.exitCode()).as(up.err()).isZero();
		assertThat(up.json().get("path").asString()).isEqualTo("/lab");
		assertThat(this.brain.lastRequest().workgroup()).isEqualTo("/lab");
		assertThat(Files.readString(config)).isEqualTo(before);
	}

	@Test
	void cdAppendsTheWorkgroupKeyWhenTheFileHasNone() throws Exception {
		Path config = this.octl.writeConfig(this.brain.uri());
		String before = Files.readString(config);
		this.brain.answerJson("GET", ApiPaths.WORKGROUP, workgroup("/ops/db"));
		OctlRun run = this.octl.run(config, "wg", "cd", "/ops/./db/");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.lastRequest().workgroup()).isEqualTo("/ops/db");
		assertThat(Files.readString(config)).isEqualTo(before + "workgroup: /ops/db\n");
	}

	@Test
	void cdWithoutPathGoesBackToTheLoginWorkgroup() throws Exception {
		Path config = this.octl.writePasswordConfig(this.brain.uri(), "/lab", PASSWORD, "workgroup: /lab/pis\n");
		this.brain.answerJson("GET", ApiPaths.WORKGROUP, workgroup("/lab"));
		OctlRun run = this.octl.run(config, "wg", "cd");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.lastRequest().workgroup()).isEqualTo("/lab");
		assertThat(Files.readString(config)).contains("workgroup: /lab\n");
	}

	@Test
	void cdUnderAContextWithItsOwnWorkgroupSaysSoAndKeepsTheFile() throws Exception {
		Path config = this.octl.writeConfig(this.brain.uri());
		Files.writeString(config, "context: lab\ncontexts:\n  lab: { workgroup: /lab }\n  plain: { timeout: 30s }\n",
				StandardOpenOption.APPEND);
		String before = Files.readString(config);
		this.brain.answerJson("GET", ApiPaths.WORKGROUP, workgroup("/lab/pis"));
		OctlRun run = this.octl.run(config, "wg", "cd", "pis");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("context 'lab' of octl config", "sets its own workgroup (/lab)",
				"edit the context's workgroup instead");
		assertThat(Files.readString(config)).isEqualTo(before);

		OctlRun plain = this.octl.run(Map.of("OCTL_CONFIG", config.toString(), "OCTL_CONTEXT", "plain"), "wg", "cd",
				"/lab/pis");
		assertThat(plain.exitCode()).as(plain.err()).isZero();
		assertThat(Files.readString(config)).isEqualTo(before + "workgroup: /lab/pis\n");
	}

	@Test
	void cdToAMissingWorkgroupExitsWithUnexpectedStateAndKeepsTheFile() throws Exception {
		Path config = this.octl.writeConfig(this.brain.uri());
		String before = Files.readString(config);
		this.brain.answerProblem("GET", ApiPaths.WORKGROUP, ErrorCode.WORKGROUP_NOT_FOUND, "no such workgroup: /nope");
		OctlRun run = this.octl.run(config, "wg", "cd", "nope");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).contains("no such workgroup: /nope", "octl wg pwd");
		assertThat(Files.readString(config)).isEqualTo(before);
	}

	@Test
	void grantSendsThePasswordFromStdinAndNeverPrintsIt() {
		Path config = this.octl.writeConfig(this.brain.uri());
		this.brain.answers("PUT", ApiPaths.WORKGROUP_PASSWORD, new Answer(204, "application/json", "", Map.of()));
		OctlRun run = this.octl.runWithStdin(config, "s3cret-for-the-lab\nignored\n", "wg", "grant", "/lab/pis",
				"--password-stdin");
		assertThat(run.exitCode()).as(run.err()).isZero();
		Request request = this.brain.lastRequest();
		assertThat(request.method()).isEqualTo("PUT");
		assertThat(request.query()).isEqualTo("path=%2Flab%2Fpis");
		assertThat(request.body()).isEqualTo("{\"password\":\"s3cret-for-the-lab\"}");
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).contains("password of workgroup /lab/pis set").doesNotContain("s3cret");
	}

	@Test
	void grantTakesOctopodasPositionalPasswordWithAWarning() {
		Path config = this.octl.writeConfig(this.brain.uri());
		this.brain.answers("PUT", ApiPaths.WORKGROUP_PASSWORD, new Answer(204, "application/json", "", Map.of()));
		OctlRun run = this.octl.run(config, "wg", "grant", "/lab", "s3cret-for-the-lab");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.lastRequest().body()).isEqualTo("{\"password\":\"s3cret-for-the-lab\"}");
		assertThat(run.err()).contains("warning: a password given as an argument is visible in the process list")
			.doesNotContain("s3cret");
	}

	@Test
	void grantRefusesAPositionalPasswordTogetherWithStdin() {
		Path config = this.octl.writeConfig(this.brain.uri());
		OctlRun run = this.octl.runWithStdin(config, "other-password-here\n", "wg", "grant", "/lab",
				"s3cret-for-the-lab", "--password-stdin");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("either as an argument or with --password-stdin");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void grantChecksTheLengthOfAPositionalPasswordToo() {
		Path config = this.octl.writeConfig(this.brain.uri());
		OctlRun run = this.octl.run(config, "wg", "grant", "/lab", "123456");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("it needs 12 to 256");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void grantRefusesShortOrMissingPasswordsWithoutEchoingThem() {
		Path config = this.octl.writeConfig(this.brain.uri());
		OctlRun tooShort = this.octl.runWithStdin(config, "short-pw\n", "wg", "grant", "/lab", "--password-stdin");
		assertThat(tooShort.exitCode()).isEqualTo(2);
		assertThat(tooShort.err()).contains("it needs 12 to 256").doesNotContain("short-pw");
		OctlRun empty = this.octl.runWithStdin(config, "", "wg", "grant", "/lab", "--password-stdin");
		assertThat(empty.exitCode()).isEqualTo(2);
		assertThat(empty.err()).contains("no password on standard input");
		OctlRun noTerminal = this.octl.run(config, "wg", "grant", "/lab");
		assertThat(noTerminal.exitCode()).isEqualTo(2);
		assertThat(noTerminal.err()).contains("no terminal to prompt on");
		OctlRun asArgument = this.octl.run(config, "wg", "grant", "/lab", "--password", "s3cret-for-the-lab");
		assertThat(asArgument.exitCode()).isEqualTo(2);
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void lsGetAddAndRm() {
		Path config = this.octl.writeConfig(this.brain.uri());
		WorkgroupResponse lab = new WorkgroupResponse("/lab", List.of("pi1", "pi2"), List.of("/lab/pis"));
		this.brain.answerJson("GET", ApiPaths.WORKGROUP, lab)
			.answerJson("PUT", ApiPaths.WORKGROUP_NODES, lab)
			.answerJson("DELETE", ApiPaths.WORKGROUP_NODES, lab)
			.answers("DELETE", ApiPaths.WORKGROUP, new Answer(204, "application/json", "", Map.of()));
		assertThat(this.octl.run(config, "wg", "ls", "/lab", "-o", "table").out()).isEqualTo("CHILD\n/lab/pis\n");
		assertThat(this.octl.run(config, "wg", "get", "-o", "table").out())
			.isEqualTo("WORKGROUP  NODE\n/lab       pi1\n/lab       pi2\n");
		assertThat(this.brain.lastRequest().query()).isNull();
		assertThat(this.octl.run(config, "wg", "add", "/lab", "pi1", "pi2").exitCode()).isZero();
		assertThat(this.brain.lastRequest().body()).isEqualTo("{\"nodes\":[\"pi1\",\"pi2\"]}");
		assertThat(this.octl.run(config, "wg", "rm", "/lab", "pi2").exitCode()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("path=%2Flab&node=pi2");
		int before = this.brain.requests().size();
		OctlRun unconfirmed = this.octl.run(config, "wg", "rm", "/lab");
		assertThat(unconfirmed.exitCode()).isEqualTo(2);
		assertThat(unconfirmed.err()).contains("needs --yes");
		assertThat(this.brain.requests()).hasSize(before);
		OctlRun removed = this.octl.run(config, "wg", "rm", "/lab", "--yes");
		assertThat(removed.exitCode()).as(removed.err()).isZero();
		assertThat(removed.out()).isEmpty();
		assertThat(this.brain.lastRequest().method()).isEqualTo("DELETE");
		assertThat(this.brain.lastRequest().path()).isEqualTo(ApiPaths.WORKGROUP);
	}

	private static WorkgroupResponse workgroup(String path) {
		return new WorkgroupResponse(path, List.of(), List.of());
	}

}
