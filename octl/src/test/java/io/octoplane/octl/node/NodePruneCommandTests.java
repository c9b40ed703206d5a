package io.octoplane.octl.node;

import java.nio.file.Path;
import java.util.List;

import io.octoplane.octl.OctlFixture;
import io.octoplane.octl.OctlRun;
import io.octoplane.octl.StubBrain;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.PruneResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class NodePruneCommandTests {

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
	void deletesNamedNodesAndPrintsThem() {
		this.brain.answerJson("DELETE", ApiPaths.NODES, new PruneResponse(List.of("pi3", "pi4")));
		OctlRun run = this.octl.run(this.config, "node", "prune", "pi3", "pi4");
		assertThat(run.exitCode()).isZero();
		assertThat(this.brain.lastRequest().method()).isEqualTo("DELETE");
		assertThat(this.brain.lastRequest().query()).isEqualTo("name=pi3&name=pi4");
		assertThat(run.json().path("pruned").toString()).isEqualTo("[\"pi3\",\"pi4\"]");
	}

	@Test
	void pruningAnOnlineNodeExitsWithUnexpectedState() {
		this.brain.answerProblem("DELETE", ApiPaths.NODES, ErrorCode.CONFLICT, "node pi1 is online");
		OctlRun run = this.octl.run(this.config, "node", "prune", "pi1");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("node pi1 is online");
	}

}
