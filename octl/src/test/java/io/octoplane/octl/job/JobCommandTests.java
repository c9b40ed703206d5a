package io.octoplane.octl.job;

import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.JobState;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;

import static io.octoplane.testsupport.api.ApiFixtures.cancelled;
import static io.octoplane.testsupport.api.ApiFixtures.failed;
import static io.octoplane.testsupport.api.ApiFixtures.job;
import static io.octoplane.testsupport.api.ApiFixtures.running;
import static io.octoplane.testsupport.api.ApiFixtures.scripted;
import static io.octoplane.testsupport.api.ApiFixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code octl job get}, {@code list} and {@code cancel}: one call each, so they share a
 * class.
 */
class JobCommandTests extends StubBrainCommandTest {

	@Test
	void getPrintsTheJobAndExitsZeroEvenIfItFailed() {
		this.brain.answerJson("GET", ApiFixtures.jobPath(), job(succeeded("pi1", "ok\n"), failed("pi2", "boom\n")));
		OctlRun run = this.octl.run(this.config, "job", "get", "job-1");
		assertThat(run.exitCode()).isZero();
		assertThat(run.json().path("id").asString()).isEqualTo("job-1");
		assertThat(run.json().path("process_error").asInt()).isEqualTo(1);
		assertThat(run.json().path("results").size()).isEqualTo(2);
	}

	@Test
	void getTableHasTitleRowsAndOutputs() {
		this.brain.answerJson("GET", ApiFixtures.jobPath(), job(succeeded("pi1", "ok\n"), running("pi2")));
		OctlRun run = this.octl.run(this.config, "job", "get", "job-1", "-o", "table");
		assertThat(run.out()).isEqualTo("""
				job job-1 (running): uptime

				NODE  STATE      EXIT
				pi1   succeeded  0
				pi2   running    -

				pi1:
				    ok

				pi2:
				""");
	}

	@Test
	void octopodaOutputIsShownUnderEachNodeAndKeptInJson() {
		this.brain.answerJson("GET", ApiFixtures.jobPath(),
				job(scripted("pi4", "", "hello from pi4\n"), succeeded("pi5", "ok\n")));
		OctlRun table = this.octl.run(this.config, "job", "get", "job-1", "-o", "table");
		assertThat(table.out()).endsWith("""

				pi4:
				  output:
				    hello from pi4

				pi5:
				    ok
				""");
		OctlRun json = this.octl.run(this.config, "job", "get", "job-1");
		assertThat(json.json().path("results").get(0).path("script_output").asString()).isEqualTo("hello from pi4\n");
		assertThat(json.json().path("results").get(1).has("script_output")).isFalse();
	}

	@Test
	void unknownJobExitsWithUnexpectedState() {
		this.brain.answerProblem("GET", "/api/v1/jobs/nope", ErrorCode.JOB_NOT_FOUND, "no job nope");
		OctlRun run = this.octl.run(this.config, "job", "get", "nope");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).startsWith("octl: error: ").contains("no job nope", "job-not-found");
	}

	@Test
	void listSendsLimitAndPrintsJobs() {
		this.brain.answerJson("GET", ApiPaths.JOBS, ApiFixtures.jobList());
		OctlRun run = this.octl.run(this.config, "job", "list", "--limit", "5");
		assertThat(run.exitCode()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("limit=5");
		assertThat(run.json().path("jobs").get(0).path("id").asString()).isEqualTo("job-2");
		assertThat(run.json().path("jobs").get(1).path("communication_error").asInt()).isEqualTo(1);
	}

	@Test
	void listDefaultsToTwentyAndPrintsTable() {
		this.brain.answerJson("GET", ApiPaths.JOBS, ApiFixtures.jobList());
		OctlRun run = this.octl.run(this.config, "job", "list", "-o", "table");
		assertThat(this.brain.lastRequest().query()).isEqualTo("limit=20");
		assertThat(run.out()).isEqualTo("""
				ID     STATE      CREATED               TOTAL  PENDING  OK  FAILED  COMMAND
				job-2  running    2026-11-22T10:16:30Z  3      2        1   0       apt-get -y upgrade
				job-1  completed  2026-11-22T10:15:30Z  3      0        1   2       uptime
				""");
	}

	@Test
	void listLimitOutOfRangeIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "job", "list", "--limit", "1001");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("--limit must be between 1 and 1000");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void cancelPostsAndPrintsTheCancelledJob() {
		this.brain.answerJson("POST", ApiFixtures.jobPath(ApiPaths.JOB_CANCEL),
				job(JobState.CANCELLED, succeeded("pi1", ""), cancelled("pi2")));
		OctlRun run = this.octl.run(this.config, "job", "cancel", "job-1");
		assertThat(run.exitCode()).isZero();
		assertThat(this.brain.lastRequest().method()).isEqualTo("POST");
		assertThat(run.json().path("state").asString()).isEqualTo("cancelled");
		assertThat(run.json().path("results").get(1).path("error_kind").asString()).isEqualTo("cancelled");
	}

	@Test
	void cancelNamesNodesThatHaveNotConfirmedTheStopYet() {
		this.brain.answerJson("POST", ApiFixtures.jobPath(ApiPaths.JOB_CANCEL),
				job(JobState.CANCELLED, cancelled("pi1"), running("pi2")));
		OctlRun run = this.octl.run(this.config, "job", "cancel", "job-1");
		assertThat(run.exitCode()).isZero();
		assertThat(run.json().path("pending").asInt()).isEqualTo(1);
		assertThat(run.err()).contains("cancelling: 1 node(s) have not confirmed yet");
	}

	@Test
	void cancellingAnUnknownJobExitsWithUnexpectedState() {
		this.brain.answerProblem("POST", "/api/v1/jobs/nope/cancel", ErrorCode.JOB_NOT_FOUND, "no job nope");
		assertThat(this.octl.run(this.config, "job", "cancel", "nope").exitCode()).isEqualTo(3);
	}

}
