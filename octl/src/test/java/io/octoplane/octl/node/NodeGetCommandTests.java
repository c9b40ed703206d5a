package io.octoplane.octl.node;

import java.io.IOException;
import java.net.URI;

import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.octl.OctlRun;
import io.octoplane.testsupport.ports.FreePorts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

class NodeGetCommandTests extends StubBrainCommandTest {

	@Test
	void printsNodeListAsOctopodaJson() {
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		OctlRun run = this.octl.run(this.config, "node", "get");
		assertThat(run.exitCode()).isZero();
		assertThat(run.err()).isEmpty();
		JsonNode json = run.json();
		assertThat(json.path("brain").path("name").asString()).isEqualTo("brain-1");
		assertThat(json.path("total").asInt()).isEqualTo(2);
		assertThat(json.path("online").asInt()).isEqualTo(1);
		assertThat(json.path("offline").asInt()).isEqualTo(1);
		JsonNode pi1 = json.path("nodes").get(0);
		assertThat(pi1.path("name").asString()).isEqualTo("pi1");
		assertThat(pi1.path("state").asString()).isEqualTo("online");
		assertThat(pi1.path("online_time").asString()).isEqualTo("2026-11-22T09:15:30Z");
		assertThat(pi1.path("last_active").asString()).isEqualTo("2026-11-22T10:15:30Z");
		assertThat(pi1.has("offline_time")).isFalse();
		assertThat(json.path("nodes").get(1).path("offline_time").isString()).isTrue();
	}

	@Test
	void stdoutHoldsOnlyPrettyJson() {
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		OctlRun run = this.octl.run(this.config, "node", "get");
		assertThat(run.out()).startsWith("{\n").endsWith("}\n").contains("\"total\": 2");
		assertThat(run.json().isObject()).isTrue();
	}

	@Test
	void sendsNamesAndStateFilter() {
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		OctlRun run = this.octl.run(this.config, "node", "get", "-sf", "online", "pi1", "pi 2");
		assertThat(run.exitCode()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("name=pi1&name=pi+2&state=online");
	}

	@Test
	void sendsNoQueryWithoutNamesOrFilter() {
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		this.octl.run(this.config, "node", "get");
		assertThat(this.brain.lastRequest().query()).isNull();
	}

	@Test
	void rejectsUnknownStateFilterAsUsageError() {
		OctlRun run = this.octl.run(this.config, "node", "get", "-sf", "sideways");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.out()).isEmpty();
		assertThat(run.err())
			.contains("'sideways' is not a state filter; use online (ready), unstable (disconn), offline (dead)");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void printsAlignedTable() {
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		OctlRun run = this.octl.run(this.config, "node", "get", "-o", "table");
		assertThat(run.exitCode()).isZero();
		String[] lines = run.out().split("\n");
		assertThat(lines).hasSize(3);
		assertThat(lines[0]).matches("NAME\\s+STATE\\s+ADDR\\s+VERSION\\s+DELAY\\s+LAST_ACTIVE");
		assertThat(lines[1]).matches("pi1\\s+online\\s+10.0.0.11:51234\\s+0.1.0\\s+12ms\\s+2026-11-22T10:15:30Z");
		assertThat(lines[2]).startsWith("pi2-long-name  offline");
		assertThat(lines[1].indexOf("online")).isEqualTo(lines[0].indexOf("STATE"));
		assertThat(lines[2].indexOf("-  ")).isEqualTo(lines[0].indexOf("DELAY"));
	}

	@Test
	void printsYaml() {
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		OctlRun run = this.octl.run(this.config, "node", "get", "-o", "yaml");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).doesNotStartWith("---").contains("nodes:", "- name: pi1");
		JsonNode yaml = new YAMLMapper().readTree(run.out());
		assertThat(yaml.path("nodes").get(0).path("online_time").asString()).isEqualTo("2026-11-22T09:15:30Z");
	}

	@Test
	void ignoresMembersAddedByNewerBrains() {
		this.brain.answer("GET", ApiPaths.NODES, 200, "application/json",
				"{\"brain\":{\"name\":\"b\",\"version\":\"9\",\"addr\":\"x:1\",\"region\":\"eu\"},\"nodes\":[],"
						+ "\"total\":0,\"online\":0,\"offline\":0,\"workgroup\":\"root\"}");
		OctlRun run = this.octl.run(this.config, "node", "get");
		assertThat(run.exitCode()).isZero();
		assertThat(run.json().path("total").asInt()).isZero();
	}

	@Test
	void unknownNodeExitsWithUnexpectedState() {
		this.brain.answerProblem("GET", ApiPaths.NODES, ErrorCode.NODE_NOT_FOUND, "no node named pi9");
		OctlRun run = this.octl.run(this.config, "node", "get", "pi9");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).contains("no node named pi9", "HTTP 404, node-not-found").doesNotContain("\tat ");
	}

	@Test
	void unreachableBrainExitsWithInternalAndSaysWhy() throws IOException {
		URI closed = URI.create("https://127.0.0.1:" + FreePorts.take());
		OctlRun run = this.octl.run(this.octl.writeConfig(closed), "node", "get");
		assertThat(run.exitCode()).isEqualTo(4);
		assertThat(run.out()).isEmpty();
		assertThat(run.err().strip())
			.isEqualTo("octl: error: cannot reach brain at " + closed + ": connection refused");
	}

	@Test
	void stacktraceOptionPrintsTheTrace() {
		this.brain.answerProblem("GET", ApiPaths.NODES, ErrorCode.NODE_NOT_FOUND, "no node named pi9");
		OctlRun run = this.octl.run(this.config, "node", "get", "pi9", "-x");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("OctoplaneApiException", "\tat ");
	}

	@Test
	void patternAndPagingTravelToTheBrainAndTheNextCursorIsShown() {
		NodeListResponse all = ApiFixtures.nodeList();
		this.brain.answerJson("GET", ApiPaths.NODES, new NodeListResponse(all.brain(), all.nodes().subList(0, 1),
				all.total(), all.online(), all.offline(), "pi1"));
		OctlRun run = this.octl.run(this.config, "node", "get", "--pattern", "pi*", "--limit", "1", "--cursor", "pi0",
				"-o", "table");
		assertThat(run.exitCode()).isZero();
		assertThat(this.brain.lastRequest().query()).contains("pattern=pi*", "limit=1", "cursor=pi0");
		assertThat(run.out()).contains("pi1");
		assertThat(run.err()).contains("run again with --cursor pi1");
		OctlRun json = this.octl.run(this.config, "node", "get", "--limit", "1");
		assertThat(json.json().path("next_cursor").asString()).isEqualTo("pi1");
	}

	@Test
	void aLimitBelowOneIsInvalidInput() {
		OctlRun run = this.octl.run(this.config, "node", "get", "--limit", "0");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("--limit must be at least 1");
		assertThat(this.brain.requests()).isEmpty();
	}

}
