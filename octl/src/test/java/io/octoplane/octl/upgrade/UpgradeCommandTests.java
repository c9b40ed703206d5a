package io.octoplane.octl.upgrade;

import java.util.List;

import io.octoplane.client.OctoplaneJson;
import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.BrainUpgradeHistory;
import io.octoplane.protocol.api.BrainUpgradeResponse;
import io.octoplane.protocol.api.BrainUpgradeState;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.octoplane.testsupport.api.ApiFixtures.failed;
import static io.octoplane.testsupport.api.ApiFixtures.job;
import static io.octoplane.testsupport.api.ApiFixtures.succeeded;
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
	void brainUpgradeCallsTheBrainApiAndSaysHowToGoOn() {
		BrainUpgradeState trial = new BrainUpgradeState("brain-a", "1.0.0", "1.0.0", "1.1.0", "1.0.0",
				List.of("1.0.0", "1.1.0"));
		this.brain.answerJson("POST", ApiPaths.BRAIN_UPGRADE, new BrainUpgradeResponse("upgrade", "1.1.0", true,
				"brain brain-a restarts as 1.1.0 (preview) in a few seconds", trial));
		OctlRun run = this.octl.run(this.config, "upgrade", "upgrade", "1.1.0", "brain");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode sent = OctoplaneJson.mapper()
			.readTree(this.brain.requests("POST", ApiPaths.BRAIN_UPGRADE).getLast().body());
		assertThat(sent.path("action").asString()).isEqualTo("upgrade");
		assertThat(sent.path("version").asString()).isEqualTo("1.1.0");
		assertThat(run.out()).contains("\"preview\": \"1.1.0\"");
		assertThat(run.err()).contains("restarts as 1.1.0", "run 'octl upgrade confirm brain'", "one at a time");
		assertThat(this.brain.requests("POST", ApiPaths.COMMANDS)).isEmpty();
	}

	@Test
	void brainStateIsATable() {
		this.brain.answerJson("GET", ApiPaths.BRAIN_UPGRADE,
				new BrainUpgradeState("brain-a", "1.1.0", "1.0.0", "1.1.0", "1.1.0", List.of("1.0.0", "1.1.0")));
		OctlRun run = this.octl.run(this.config, "upgrade", "state", "brain", "-o", "table");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).contains("BRAIN", "HEALTHY").containsPattern("brain-a +1\\.1\\.0 +1\\.0\\.0 +1\\.1\\.0");
	}

	@Test
	void brainWithoutLauncherIsAnUnexpectedState() {
		this.brain.answerProblem("GET", ApiPaths.BRAIN_UPGRADE, ErrorCode.UPGRADE_NOT_LAUNCHED,
				"brain brain-a does not run under the upgrade launcher");
		OctlRun run = this.octl.run(this.config, "upgrade", "state", "brain");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("does not run under the upgrade launcher");
	}

	@Test
	void brainIsUpgradedOnItsOwn() {
		OctlRun run = this.octl.run(this.config, "upgrade", "upgrade", "1.1.0", "brain", "pi1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("upgrade the brain on its own");
		assertThat(this.brain.requests()).isEmpty();
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

	@Test
	void nodeStateIsATableOfVersions() {
		JobResponse states = job(
				succeeded("node1",
						"{\"stable\":\"1.0.0\",\"preview\":\"1.1.0\",\"healthy\":null,"
								+ "\"installed\":[\"1.0.0\",\"1.1.0\"]}\n"),
				succeeded("node2",
						"{\"stable\":\"1.0.0\",\"preview\":null,\"healthy\":\"1.0.0\","
								+ "\"installed\":[\"1.0.0\"]}\n"),
				failed("node3", "this tentacle does not run under the upgrade launcher\n"));
		accept(states);
		OctlRun run = this.octl.run(this.config, "upgrade", "state", "node1", "node2", "node3", "-o", "table");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out()).isEqualTo("""
				NODE   STABLE  PREVIEW  HEALTHY  INSTALLED
				node1  1.0.0   1.1.0    -        1.0.0,1.1.0
				node2  1.0.0   -        1.0.0    1.0.0
				node3  -       -        -        -

				node3: failed: this tentacle does not run under the upgrade launcher
				""");
	}

	@Test
	void nodeHistoryIsListedPerNode() {
		accept(job(succeeded("node1", "2026-12-01T10:00:00Z init 1.0.0\n2026-12-02T10:00:00Z install 1.1.0\n"
				+ "2026-12-02T10:05:00Z cancel 1.1.0 back to 1.0.0\n")));
		OctlRun run = this.octl.run(this.config, "upgrade", "history", "node1", "-o", "table");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).isEqualTo("""
				NODE   TIME                  ACTION   VERSION  DETAIL
				node1  2026-12-01T10:00:00Z  init     1.0.0    -
				node1  2026-12-02T10:00:00Z  install  1.1.0    -
				node1  2026-12-02T10:05:00Z  cancel   1.1.0    back to 1.0.0
				""");
	}

	@Test
	void brainHistoryIsATable() {
		this.brain.answerJson("GET", ApiPaths.BRAIN_UPGRADE_HISTORY, new BrainUpgradeHistory("brain-a",
				List.of("2026-12-01T10:00:00Z init 1.0.0", "2026-12-02T10:00:00Z upgrade 1.1.0 preview started")));
		OctlRun run = this.octl.run(this.config, "upgrade", "history", "brain", "-o", "table");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).isEqualTo("""
				BRAIN    TIME                  ACTION   VERSION  DETAIL
				brain-a  2026-12-01T10:00:00Z  init     1.0.0    -
				brain-a  2026-12-02T10:00:00Z  upgrade  1.1.0    preview started
				""");
	}

	private void accept() {
		accept(job(succeeded("pi1", "")));
	}

	private void accept(JobResponse done) {
		this.brain.answers("POST", ApiPaths.COMMANDS,
				Answer.json(202, done).withHeader("Location", ApiFixtures.jobPath()));
		this.brain.answerJson("GET", ApiFixtures.jobPath(), done);
	}

	private JsonNode sentBody() {
		return OctoplaneJson.mapper().readTree(this.brain.requests("POST", ApiPaths.COMMANDS).getLast().body());
	}

}
