package io.octoplane.octl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.octoplane.client.OctoplaneJson;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.BlobResponse;
import io.octoplane.protocol.api.NodeStatusInfo;
import io.octoplane.protocol.api.NodeStatusResponse;
import io.octoplane.protocol.api.NodeappListResponse;
import io.octoplane.protocol.api.PruneResponse;
import io.octoplane.protocol.api.ScenarioListResponse;
import io.octoplane.protocol.api.SshLoginListResponse;
import io.octoplane.protocol.digest.Sha256;
import io.octoplane.protocol.file.FileListing;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.octoplane.testsupport.api.ApiFixtures.job;
import static io.octoplane.testsupport.api.ApiFixtures.queued;
import static io.octoplane.testsupport.api.ApiFixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command family passes {@code ALL} and {@code @group} to the brain as given, which
 * resolves them, so octl, SDKs and REST callers mean the same nodes.
 */
class TargetListCommandTests extends StubBrainCommandTest {

	@Test
	void nodeGetSendsAllGroupsAndOctopodaStateNames() {
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		assertThat(this.octl.run(this.config, "node", "get", "ALL", "-sf", "unstable").exitCode()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("name=ALL&state=unstable");
		assertThat(this.octl.run(this.config, "node", "get", "@lab", "pi9", "-sf", "dead").exitCode()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("name=%40lab&name=pi9&state=offline");
		assertThat(this.octl.run(this.config, "node", "get", "-sf", "Ready").exitCode()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("state=online");
	}

	@Test
	void nodeStatusMixesBrainWithGroups() {
		NodeStatusInfo brain = ApiFixtures.nodeStatus().nodes().get(0);
		this.brain.answerJson("GET", ApiPaths.NODE_STATUS,
				NodeStatusResponse.of(List.of(new NodeStatusInfo("brain", brain.platform(), brain.cpuCores(),
						brain.localTime(), brain.cpuAverage1(), brain.cpuAverage5(), brain.cpuAverage15(),
						brain.memoryUsed(), brain.memoryTotal(), brain.memoryUsage(), brain.diskUsed(),
						brain.diskTotal(), brain.diskUsage(), brain.uptimeSeconds()))));
		OctlRun run = this.octl.run(this.config, "node", "status", "brain", "@lab", "-o", "table");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("name=brain&name=%40lab");
		assertThat(run.out()).contains("\nbrain ");
	}

	@Test
	void scenGetAllAndNappGetAllListEverythingAsInOctopoda() {
		this.brain.answerJson("GET", ApiPaths.SCENARIOS, new ScenarioListResponse(List.of()));
		OctlRun scenarios = this.octl.run(this.config, "scen", "get", "ALL");
		assertThat(scenarios.exitCode()).as(scenarios.err()).isZero();
		assertThat(this.brain.lastRequest().path()).isEqualTo(ApiPaths.SCENARIOS);
		String nodeapps = ApiPaths.NODEAPPS.replace("{node}", "pi1");
		this.brain.answerJson("GET", nodeapps, new NodeappListResponse(List.of()));
		OctlRun napps = this.octl.run(this.config, "napp", "get", "pi1", "ALL");
		assertThat(napps.exitCode()).as(napps.err()).isZero();
		assertThat(this.brain.lastRequest().path()).isEqualTo(nodeapps);
	}

	@Test
	void nodePruneSendsGroups() {
		this.brain.answerJson("DELETE", ApiPaths.NODES, new PruneResponse(List.of("pi3")));
		assertThat(this.octl.run(this.config, "node", "prune", "@lab", "ALL").exitCode()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("name=%40lab&name=ALL");
	}

	@Test
	void cmdRunSendsAllAndGroups() {
		this.brain.answers("POST", ApiPaths.COMMANDS,
				Answer.json(202, job(queued("pi1"), queued("pi2"))).withHeader("Location", ApiFixtures.jobPath()));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "--async", "uptime", "ALL", "@lab");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode body = OctoplaneJson.mapper()
			.readTree(this.brain.requests("POST", ApiPaths.COMMANDS).getLast().body());
		assertThat(body.path("targets").toString()).isEqualTo("[\"ALL\",\"@lab\"]");
	}

	@Test
	void fileUploadCreatesTargetFoldersUnlessTold() throws Exception {
		Path local = Files.writeString(this.dir.resolve("data.csv"), "a,b\n");
		this.brain.answers("POST", ApiPaths.FILE_BLOBS, Answer.json(201, new BlobResponse(Sha256.of("a,b\n"), 4)));
		this.brain.answers("POST", ApiPaths.FILE_UPLOADS, Answer.json(202, job(succeeded("pi1", "installed\n"))));
		this.octl.run(this.config, "file", "upload", local.toString(), "foobar", "ALL", "@lab");
		JsonNode upload = uploadBody();
		assertThat(upload.path("create_target").asBoolean()).isTrue();
		assertThat(upload.path("target_dir").asString()).isEqualTo("foobar");
		assertThat(upload.path("targets").toString()).isEqualTo("[\"ALL\",\"@lab\"]");
		this.octl.run(this.config, "file", "upload", "--no-create", local.toString(), "/opt", "pi1");
		assertThat(uploadBody().path("create_target").asBoolean()).isFalse();
		this.octl.run(this.config, "file", "upload", "-f", local.toString(), "/opt", "pi1");
		assertThat(uploadBody().path("create_target").asBoolean()).isTrue();
		assertThat(uploadBody().path("target_dir").asString()).isEqualTo("/opt");
		this.octl.run(this.config, "file", "upload", "-f=false", local.toString(), "/opt", "pi1");
		assertThat(uploadBody().path("create_target").asBoolean()).isFalse();
		OctlRun both = this.octl.run(this.config, "file", "upload", "-f", "--no-create", local.toString(), "/opt",
				"pi1");
		assertThat(both.exitCode()).isEqualTo(2);
	}

	@Test
	void fileLsOfAGroupPrintsEveryNodesTree() {
		FileListing pi1 = new FileListing("/srv/fstore",
				List.of(new FileListing.Entry("a", "directory", 0, "rwxr-xr-x", "2026-12-01T10:00:00Z"),
						new FileListing.Entry("a/x", "file", 3, "rw-r--r--", "2026-12-01T10:00:00Z")),
				false);
		String listing = OctoplaneJson.mapper().writeValueAsString(pi1);
		this.brain.answers("POST", ApiPaths.FILE_LISTINGS,
				Answer.json(202, job(succeeded("pi1", listing), ApiFixtures.expired("pi2")))
					.withHeader("Location", ApiFixtures.jobPath()));
		OctlRun run = this.octl.run(this.config, "file", "ls", "@fstore", "@lab", "--depth", "2", "-o", "table");
		assertThat(run.exitCode()).isEqualTo(1);
		JsonNode body = OctoplaneJson.mapper()
			.readTree(this.brain.requests("POST", ApiPaths.FILE_LISTINGS).getLast().body());
		assertThat(body.path("targets").toString()).isEqualTo("[\"@lab\"]");
		assertThat(body.path("depth").asInt()).isEqualTo(2);
		assertThat(run.out()).startsWith("NODE ").contains("pi1   rw-r--r--  file").contains(" a/x\n");
		assertThat(run.err()).contains("cannot list @fstore: node pi2 (expired)");
		OctlRun json = this.octl.run(this.config, "file", "ls", "@fstore", "ALL");
		assertThat(json.json().get(0).path("node").asString()).isEqualTo("pi1");
		assertThat(json.json().get(1).path("error").asString()).contains("expired");
	}

	@Test
	void fileLsOfTheBrainReadsItsFileStore() {
		this.brain.answerJson("GET", ApiPaths.FILE_STORE, new FileListing("@fstore/reports",
				List.of(new FileListing.Entry("today.csv", "file", 12, "rw-r--r--", "2026-12-01T10:00:00Z")), false));
		OctlRun run = this.octl.run(this.config, "file", "ls", "reports", "brain", "--depth", "1");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("path=reports&depth=1");
		assertThat(run.json().path("entries").get(0).path("name").asString()).isEqualTo("today.csv");
	}

	@Test
	void fileDownloadFromTheBrainsFileStoreByPath() throws Exception {
		this.brain.answer("GET", ApiPaths.FILE_STORE_CONTENT, 200, "application/octet-stream", "a,b\n");
		Path into = this.dir.resolve("into");
		OctlRun run = this.octl.run(this.config, "file", "download", "reports/today.csv", into.toString(), "brain");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("path=reports%2Ftoday.csv");
		assertThat(into.resolve("today.csv")).hasContent("a,b");
		assertThat(run.json().path("size_bytes").asLong()).isEqualTo(4);
	}

	@Test
	void fileDownloadFromAGroupPutsEachCopyInItsNodesFolder() throws Exception {
		String content = "same\n";
		String sha = Sha256.of(content);
		String sent = "{\"sha256\":\"" + sha
				+ "\",\"size_bytes\":5,\"kind\":\"file\",\"name\":\"foobar\",\"mode\":420}";
		this.brain.answers("POST", ApiPaths.FILE_FETCHES,
				Answer.json(202, job(succeeded("pi1", sent), succeeded("pi2", sent)))
					.withHeader("Location", ApiFixtures.jobPath()));
		this.brain.answer("GET", ApiPaths.FILE_BLOB.replace("{sha256}", sha), 200, "application/octet-stream", content);
		Path into = this.dir.resolve("copies");
		OctlRun run = this.octl.run(this.config, "file", "download", "@fstore/foobar", into.toString(), "@lab");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode body = OctoplaneJson.mapper()
			.readTree(this.brain.requests("POST", ApiPaths.FILE_FETCHES).getLast().body());
		assertThat(body.path("targets").toString()).isEqualTo("[\"@lab\"]");
		assertThat(into.resolve("pi1/foobar")).hasContent("same");
		assertThat(into.resolve("pi2/foobar")).hasContent("same");
		assertThat(run.json()).hasSize(2);
	}

	@Test
	void sshLsSendsGroups() {
		this.brain.answerJson("GET", ApiPaths.SSH_LOGINS, new SshLoginListResponse(List.of()));
		assertThat(this.octl.run(this.config, "ssh", "ls", "@lab", "ALL").exitCode()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("node=%40lab&node=ALL");
	}

	private JsonNode uploadBody() {
		return OctoplaneJson.mapper().readTree(this.brain.requests("POST", ApiPaths.FILE_UPLOADS).getLast().body());
	}

}
