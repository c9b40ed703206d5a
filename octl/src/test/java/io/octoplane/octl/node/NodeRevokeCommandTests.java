package io.octoplane.octl.node;

import java.util.Map;

import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeRevokeCommandTests extends StubBrainCommandTest {

	@Test
	void revokeWithYesPostsAndPrintsNothing() {
		this.brain.answers("POST", "/api/v1/nodes/pi3/revoke", new Answer(204, "application/json", "", Map.of()));
		OctlRun run = this.octl.run(this.config, "node", "revoke", "pi3", "--yes");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).isEmpty();
		assertThat(this.brain.lastRequest().method()).isEqualTo("POST");
		assertThat(this.brain.lastRequest().path()).isEqualTo("/api/v1/nodes/pi3/revoke");
	}

	@Test
	void withoutYesAndWithoutATerminalNothingIsRevoked() {
		OctlRun run = this.octl.run(this.config, "node", "revoke", "pi3");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("add --yes to confirm");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void unknownNodeExitsWithUnexpectedState() {
		this.brain.answerProblem("POST", "/api/v1/nodes/ghost/revoke", ErrorCode.NODE_NOT_FOUND, "no node ghost");
		OctlRun run = this.octl.run(this.config, "node", "revoke", "ghost", "--yes");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("no node ghost");
	}

}
