package io.octoplane.octl.upgrade;

import io.octoplane.octl.ApiFixtures;
import io.octoplane.octl.OctlRun;
import io.octoplane.octl.StubBrain.Answer;
import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.octl.sdk.OctoplaneJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.octoplane.octl.ApiFixtures.job;
import static io.octoplane.octl.ApiFixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

class UpgradeCommandTests extends StubBrainCommandTest {

	@Test
	void versionThatIsNotAPlainTokenIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "upgrade", "upgrade", "1.0;reboot", "pi1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("'1.0;reboot' is not a version");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void brainIsNotUpgradedOnline() {
		OctlRun run = this.octl.run(this.config, "upgrade", "upgrade", "1.1.0", "brain");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("online upgrade of the brain is not supported yet");
	}

	@Test
	void unknownActionIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "upgrade", "reinstall", "pi1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("unknown action 'reinstall'");
	}

	@Test
	void nodeThatBlinksOfflineGetsAMinuteToComeBackByDefault() {
		accept();
		OctlRun run = this.octl.run(this.config, "upgrade", "upgrade", "1.1.0", "pi1");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode body = sentBody();
		assertThat(body.path("command").asString()).endsWith(" upgrade 1.1.0");
		assertThat(body.path("wait_offline_seconds").asLong()).isEqualTo(60);
	}

	@Test
	void waitOfflineZeroFailsOfflineNodesAtOnce() {
		accept();
		OctlRun run = this.octl.run(this.config, "upgrade", "confirm", "pi1", "--wait-offline", "0");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(sentBody().path("wait_offline_seconds").asLong()).isZero();
	}

	@Test
	void negativeWaitOfflineIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "upgrade", "confirm", "pi1", "--wait-offline", "-1s");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(this.brain.requests()).isEmpty();
	}

	private void accept() {
		this.brain.answers("POST", ApiPaths.COMMANDS,
				Answer.json(202, job(succeeded("pi1", ""))).withHeader("Location", ApiFixtures.jobPath()));
		this.brain.answerJson("GET", ApiFixtures.jobPath(), job(succeeded("pi1", "")));
	}

	private JsonNode sentBody() {
		return OctoplaneJson.mapper().readTree(this.brain.requests("POST", ApiPaths.COMMANDS).getLast().body());
	}

}
