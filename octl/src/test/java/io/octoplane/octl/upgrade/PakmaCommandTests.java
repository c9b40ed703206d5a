package io.octoplane.octl.upgrade;

import java.util.List;
import java.util.Map;

import io.octoplane.client.OctoplaneJson;
import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.BrainUpgradeHistory;
import io.octoplane.protocol.api.BrainUpgradeResponse;
import io.octoplane.protocol.api.BrainUpgradeState;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.octoplane.testsupport.api.ApiFixtures.job;
import static io.octoplane.testsupport.api.ApiFixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code octl pakma}: Octopoda's name and spellings for {@code octl upgrade}. */
class PakmaCommandTests extends StubBrainCommandTest {

	@Test
	void pakmaUpgradeRunsTheLauncherOnTheNodes() {
		accept();
		OctlRun run = this.octl.run(this.config, "pakma", "upgrade", "1.5.1", "pi1");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(sentBody().path("command").asString()).endsWith(" upgrade 1.5.1");
		assertThat(sentBody().path("targets").toString()).isEqualTo("[\"pi1\"]");
	}

	@Test
	void historyWithOctopodasAttachedTimeAndLimitSendsTheWindow() {
		accept();
		OctlRun run = this.octl.run(this.config, "pakma", "history", "pi1", "-t2026-12-01@10:00:00", "-l5");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(sentBody().path("command").asString()).endsWith(" history --since 2026-12-01T10:00:00Z --limit 5");
	}

	@Test
	void historyOfTheBrainAsksForTheWindow() {
		this.brain.answerJson("GET", ApiPaths.BRAIN_UPGRADE_HISTORY,
				new BrainUpgradeHistory("brain-a", List.of("2026-12-02T10:00:00Z upgrade 1.1.0")));
		OctlRun run = this.octl.run(this.config, "pakma", "history", "brain", "--since", "2026-12-02T00:00:00Z",
				"--limit", "1");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.requests("GET", ApiPaths.BRAIN_UPGRADE_HISTORY).getLast().query())
			.isEqualTo("since=2026-12-02T00%3A00%3A00Z&limit=1");
	}

	@Test
	void cleanOnNodesAndOnTheBrain() {
		accept();
		assertThat(this.octl.run(this.config, "pakma", "clean", "pi1").exitCode()).isZero();
		assertThat(sentBody().path("command").asString()).endsWith(" clean");
		BrainUpgradeState state = new BrainUpgradeState("brain-a", "1.0.0", "1.0.0", null, "1.0.0", List.of("1.0.0"));
		this.brain.answerJson("POST", ApiPaths.BRAIN_UPGRADE,
				new BrainUpgradeResponse("clean", null, false, "brain brain-a removed 0.9.0", state));
		OctlRun brain = this.octl.run(this.config, "pakma", "clean", "brain");
		assertThat(brain.exitCode()).as(brain.err()).isZero();
		JsonNode sent = OctoplaneJson.mapper()
			.readTree(this.brain.requests("POST", ApiPaths.BRAIN_UPGRADE).getLast().body());
		assertThat(sent.path("action").asString()).isEqualTo("clean");
		assertThat(brain.err()).contains("removed 0.9.0").doesNotContain("confirm");
	}

	@Test
	void timeAndLimitGoWithHistoryOnly() {
		OctlRun run = this.octl.run(this.config, "pakma", "state", "pi1", "-l5");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("go with history only");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void badTimeOrLimitIsAUsageError() {
		OctlRun time = this.octl.run(this.config, "pakma", "history", "pi1", "-tyesterday");
		assertThat(time.exitCode()).isEqualTo(2);
		assertThat(time.err()).contains("'yesterday' is not a time: write 2026-12-01@10:00:00 (UTC)");
		OctlRun limit = this.octl.run(this.config, "pakma", "history", "pi1", "-l0");
		assertThat(limit.exitCode()).isEqualTo(2);
		assertThat(limit.err()).contains("-l/--limit must be a positive number of lines, not 0");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void downgradeWithoutVersionSaysItNeedsOne() {
		OctlRun run = this.octl.run(this.config, "pakma", "downgrade", "pi1", "pi2");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("downgrade names the version to go back to");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void helpSaysWhereOctopodaDiffers() {
		OctlRun run = this.octl.run(Map.of(), "help", "pakma");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("'octl pakma' is Octopoda's name for this command");
	}

	private void accept() {
		JobResponse done = job(succeeded("pi1", ""));
		this.brain.answers("POST", ApiPaths.COMMANDS,
				Answer.json(202, done).withHeader("Location", ApiFixtures.jobPath()));
		this.brain.answerJson("GET", ApiFixtures.jobPath(), done);
	}

	private JsonNode sentBody() {
		return OctoplaneJson.mapper().readTree(this.brain.requests("POST", ApiPaths.COMMANDS).getLast().body());
	}

}
