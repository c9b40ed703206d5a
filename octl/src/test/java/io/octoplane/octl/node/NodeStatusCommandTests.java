package io.octoplane.octl.node;

import java.nio.file.Path;

import io.octoplane.octl.OctlFixture;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.StubBrain;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class NodeStatusCommandTests {

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
		this.brain.answerJson("GET", ApiPaths.NODE_STATUS, ApiFixtures.nodeStatus());
	}

	@AfterEach
	void stopBrain() {
		this.brain.close();
	}

	@Test
	void printsStatusAsOctopodaJson() {
		OctlRun run = this.octl.run(this.config, "node", "status", "pi1");
		assertThat(run.exitCode()).isZero();
		assertThat(this.brain.lastRequest().path()).isEqualTo("/api/v1/nodes/status");
		assertThat(this.brain.lastRequest().query()).isEqualTo("name=pi1");
		JsonNode json = run.json();
		assertThat(json.path("average_cpuload").asDouble()).isEqualTo(0.52);
		assertThat(json.path("average_memoryusage").asDouble()).isEqualTo(25.0);
		assertThat(json.path("average_diskusage").asDouble()).isEqualTo(20.0);
		JsonNode pi1 = json.path("nodes").get(0);
		assertThat(pi1.path("cpu_cores").asInt()).isEqualTo(4);
		assertThat(pi1.path("platform").asString()).isEqualTo("Linux 6.1 aarch64");
		assertThat(pi1.path("local_time").asString()).isEqualTo("2026-11-22T10:15:30Z");
		assertThat(pi1.path("memory_usage").asDouble()).isEqualTo(25.0);
	}

	@Test
	void printsAlignedTable() {
		OctlRun run = this.octl.run(this.config, "node", "status", "-o", "table");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out().split("\n")).containsExactly("NAME  CPU  LOAD1  MEM%  DISK%  UPTIME",
				"pi1   4    0.52   25.0  20.0   1d2h");
	}

}
