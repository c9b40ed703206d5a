package io.octoplane.octl.job;

import java.time.Duration;

import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;

import static io.octoplane.testsupport.api.ApiFixtures.job;
import static io.octoplane.testsupport.api.ApiFixtures.running;
import static io.octoplane.testsupport.api.ApiFixtures.scripted;
import static io.octoplane.testsupport.api.ApiFixtures.succeeded;
import static io.octoplane.testsupport.api.SseScript.script;
import static org.assertj.core.api.Assertions.assertThat;

class JobWaitCommandTests extends StubBrainCommandTest {

	@Test
	void waitsForTheJobAndPrintsItLikeCmdRun() {
		this.brain.answerJson("GET", ApiFixtures.jobPath(), job(running("pi1")));
		this.brain.events(ApiFixtures.eventsPath(),
				script().event("node", running("pi1"))
					.event("node", succeeded("pi1", "ok\n"))
					.event("done", job(succeeded("pi1", "ok\n"))));
		OctlRun run = this.octl.run(this.config, "job", "wait", "job-1");
		assertThat(run.exitCode()).isZero();
		assertThat(run.json().path("state").asString()).isEqualTo("completed");
	}

	@Test
	void followWithoutLiveOutputPrintsEachNodesFinalOutput() {
		this.brain.answerJson("GET", ApiFixtures.jobPath(), job(running("pi1")));
		this.brain.events(ApiFixtures.eventsPath(), script().event("done", job(succeeded("pi1", "a\nb\n"))));
		OctlRun run = this.octl.run(this.config, "job", "wait", "job-1", "--follow");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).isEqualTo("pi1| a\npi1| b\n");
		assertThat(run.err()).contains("pi1   succeeded  0");
	}

	@Test
	void followPrintsWhatEachNodeWroteToOctopodaOutputOnce() {
		this.brain.answerJson("GET", ApiFixtures.jobPath(), job(running("pi4")));
		this.brain.events(ApiFixtures.eventsPath(),
				script().event("output", ApiFixtures.stdout("pi4", "live\n"))
					.event("node", scripted("pi4", "live\n", "result a\nresult b\n"))
					.event("done", job(scripted("pi4", "live\n", "result a\nresult b\n"))));
		OctlRun run = this.octl.run(this.config, "job", "wait", "job-1", "--follow");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).isEqualTo("pi4| live\npi4 output| result a\npi4 output| result b\n");
	}

	@Test
	void timeoutPrintsTheLastStateAndExitsFour() {
		this.brain.answerJson("GET", ApiFixtures.jobPath(), job(running("pi1")));
		this.brain.events(ApiFixtures.eventsPath(),
				script().event("node", running("pi1")).comment("").pause(Duration.ofSeconds(5)));
		OctlRun run = this.octl.run(this.config, "job", "wait", "job-1", "--timeout", "1s");
		assertThat(run.exitCode()).isEqualTo(4);
		assertThat(run.json().path("state").asString()).isEqualTo("running");
		assertThat(run.err().strip()).isEqualTo("octl: error: job job-1 did not finish within 1s (1 of 1 targets "
				+ "still pending); it keeps running on the brain: see 'octl job get job-1'");
	}

	@Test
	void unknownJobExitsThree() {
		this.brain.answerProblem("GET", "/api/v1/jobs/nope", ErrorCode.JOB_NOT_FOUND, "no job nope");
		OctlRun run = this.octl.run(this.config, "job", "wait", "nope");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.out()).isEmpty();
	}

	@Test
	void unreachableBrainExitsFour() {
		this.brain.close();
		OctlRun run = this.octl.run(this.config, "job", "wait", "job-1");
		assertThat(run.exitCode()).isEqualTo(4);
		assertThat(run.err()).contains("connection refused");
	}

}
