package io.octoplane.octl.node;

import java.util.List;

import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.PruneResponse;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodePruneCommandTests extends StubBrainCommandTest {

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
