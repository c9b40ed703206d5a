package io.octoplane.octl;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.JobListResponse;
import io.octoplane.protocol.api.NodeFactsResponse;
import io.octoplane.protocol.api.NodeLabelsResponse;
import io.octoplane.protocol.api.NodeSelectionResponse;
import io.octoplane.protocol.api.SshLoginListResponse;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.StubBrain;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SelectorOptionTests {

	private static final String LAB = "label:site=lab,arch in (arm64,armv7)";

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
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		this.brain.answerJson("GET", ApiPaths.NODE_STATUS, ApiFixtures.nodeStatus());
		this.brain.answerJson("GET", ApiPaths.NODE_SELECTION,
				new NodeSelectionResponse(List.of(LAB), List.of("pi1", "pi2")));
		this.brain.answerJson("GET", ApiPaths.JOBS, new JobListResponse(List.of(), null));
		this.brain.answerJson("GET", ApiPaths.SSH_LOGINS, new SshLoginListResponse(List.of()));
	}

	@AfterEach
	void stopBrain() {
		this.brain.close();
	}

	@Test
	void nodeGetAndStatusSendTheSelectorAsATarget() {
		assertThat(run("node", "get", "-l", "site=lab, arch in (arm64, armv7)", "pi9").exitCode()).isZero();
		assertThat(query()).isEqualTo("name=pi9&name=" + LAB);
		assertThat(run("node", "status", "--selector", "site=lab,arch in (arm64,armv7)").exitCode()).isZero();
		assertThat(query()).isEqualTo("name=" + LAB);
	}

	@Test
	void cmdRunDryRunShowsTheMatchAndRunsNothing() {
		OctlRun run = run("cmd", "run", "uptime", "-l", "site=lab,arch in (arm64,armv7)", "--dry-run", "-o", "table");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out().split("\n")).containsExactly("NODE", "pi1", "pi2");
		assertThat(this.brain.requests("POST", ApiPaths.COMMANDS)).isEmpty();
		assertThat(this.brain.lastRequest().path()).isEqualTo(ApiPaths.NODE_SELECTION);
		assertThat(query()).isEqualTo("target=" + LAB);
	}

	@Test
	void cmdRunSendsTheSelectorForTheBrainToExpandOnce() {
		this.brain.answerJson("POST", ApiPaths.COMMANDS, ApiFixtures.job(ApiFixtures.succeeded("pi1", "up")));
		OctlRun run = run("cmd", "xrun", "uptime", "pi3", "-l", "site=lab,arch in (arm64,armv7)", "--async");
		assertThat(run.exitCode()).isZero();
		assertThat(this.brain.lastRequest().body()).contains("\"targets\":[\"pi3\",\"" + LAB + "\"]");
	}

	@Test
	void fileUploadTakesASelectorInsteadOfNodes() throws Exception {
		Path local = Files.writeString(this.dir.resolve("app.conf"), "x=1\n");
		OctlRun run = run("file", "upload", local.toString(), "/etc/app", "-l", "site=lab,arch in (arm64,armv7)",
				"--dry-run");
		assertThat(run.exitCode()).isZero();
		assertThat(run.json().path("nodes").toString()).isEqualTo("[\"pi1\",\"pi2\"]");
		assertThat(query()).isEqualTo("target=" + LAB);
	}

	@Test
	void upgradeExpandsTheSelectorBeforeCuttingBatches() {
		OctlRun run = run("upgrade", "install", "1.2.0", "--selector", "site=lab,arch in (arm64,armv7)", "--dry-run");
		assertThat(run.exitCode()).isZero();
		assertThat(run.json().path("nodes").size()).isEqualTo(2);
		assertThat(query()).isEqualTo("target=" + LAB);
	}

	@Test
	void jobListAndSshListFilterBySelector() {
		assertThat(run("job", "list", "-l", "site=lab,arch in (arm64,armv7)").exitCode()).isZero();
		assertThat(query()).isEqualTo("limit=20&target=" + LAB);
		assertThat(run("ssh", "list", "-l", "site=lab,arch in (arm64,armv7)").exitCode()).isZero();
		assertThat(query()).isEqualTo("node=" + LAB);
	}

	@Test
	void aBadSelectorIsAUsageErrorBeforeAnyCall() {
		int before = this.brain.requests().size();
		OctlRun run = run("cmd", "run", "uptime", "-l", "site=lab,arch in arm64");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("-l/--selector: selector 'site=lab,arch in arm64': expected '(' to open");
		assertThat(this.brain.requests()).hasSize(before);
	}

	@Test
	void anEmptyMatchIsTheBrainsInvalidRequest() {
		this.brain.answerProblem("GET", ApiPaths.NODE_SELECTION, ErrorCode.INVALID_REQUEST,
				"selector site=nowhere matches no node in workgroup /");
		OctlRun run = run("cmd", "run", "uptime", "-l", "site=nowhere", "--dry-run");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("matches no node");
	}

	@Test
	void nodeLabelSendsSetsAndRemovals() {
		String path = ApiPaths.NODE_LABELS.replace("{name}", "pi1");
		this.brain.answerJson("PATCH", path, new NodeLabelsResponse("pi1", Map.of("site", "lab", "rack", "a1"),
				Map.of("site", "lab"), Map.of("rack", "a1")));
		OctlRun run = run("node", "label", "pi1", "rack=a1", "role-", "-o", "table");
		assertThat(run.exitCode()).isZero();
		assertThat(this.brain.lastRequest().method()).isEqualTo("PATCH");
		assertThat(this.brain.lastRequest().body()).contains("\"set\":{\"rack\":\"a1\"}")
			.contains("\"remove\":[\"role\"]");
		assertThat(run.out().split("\n")).containsExactly("KEY   VALUE  SOURCE", "rack  a1     operator",
				"site  lab    config");
	}

	@Test
	void nodeLabelRefusesBadSyntaxWithTheRule() {
		int before = this.brain.requests().size();
		OctlRun run = run("node", "label", "pi1", "site=l a b");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("value 'l a b' must be empty or consist of alphanumerics");
		assertThat(this.brain.requests()).hasSize(before);
	}

	@Test
	void nodeFactsPrintsFactsLabelsAndErrors() {
		this.brain.answerJson("GET", ApiPaths.NODE_FACTS.replace("{name}", "pi1"),
				new NodeFactsResponse("pi1", Map.of("os", "debian", "memory_total", "4294967296"),
						Map.of("slow.sh", "timed out after 10000ms"), Map.of("site", "lab"), ApiFixtures.NOW));
		OctlRun table = run("node", "facts", "pi1", "-o", "table");
		assertThat(table.exitCode()).isZero();
		assertThat(table.out().split("\n")).containsExactly("KIND   NAME          VALUE", "label  site          lab",
				"fact   memory_total  4294967296", "fact   os            debian",
				"error  slow.sh       timed out after 10000ms");
		OctlRun json = run("node", "facts", "pi1");
		assertThat(json.json().path("facts").path("os").asString()).isEqualTo("debian");
		assertThat(json.json().path("reported_at").asString()).isEqualTo("2026-11-22T10:15:30Z");
	}

	private OctlRun run(String... args) {
		return this.octl.run(this.config, args);
	}

	private String query() {
		String query = this.brain.lastRequest().query();
		return (query != null) ? URLDecoder.decode(query, StandardCharsets.UTF_8) : "";
	}

}
