package io.octoplane.octl.cmd;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.octoplane.client.OctoplaneJson;
import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeOutputEvent;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.SseScript;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.octoplane.testsupport.api.ApiFixtures.expired;
import static io.octoplane.testsupport.api.ApiFixtures.failed;
import static io.octoplane.testsupport.api.ApiFixtures.job;
import static io.octoplane.testsupport.api.ApiFixtures.queued;
import static io.octoplane.testsupport.api.ApiFixtures.running;
import static io.octoplane.testsupport.api.ApiFixtures.succeeded;
import static io.octoplane.testsupport.api.SseScript.script;
import static org.assertj.core.api.Assertions.assertThat;

class CmdRunCommandTests extends StubBrainCommandTest {

	@Test
	void allSucceededExitsZeroWithFinalJobAsTheOnlyDocument() {
		accept(queued("pi1"), queued("pi2"));
		this.brain.events(ApiFixtures.eventsPath(),
				script().event("node", queued("pi1"))
					.event("node", queued("pi2"))
					.comment("")
					.event("node", running("pi1"))
					.event("node", succeeded("pi1", "up 3 days\n"))
					.event("node", succeeded("pi2", "up 1 day\n"))
					.event("done", job(succeeded("pi1", "up 3 days\n"), succeeded("pi2", "up 1 day\n"))));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "pi2");
		assertThat(run.exitCode()).isZero();
		assertThat(run.err()).isEmpty();
		JsonNode json = run.json();
		assertThat(json.path("id").asString()).isEqualTo("job-1");
		assertThat(json.path("state").asString()).isEqualTo("completed");
		assertThat(json.path("success").asInt()).isEqualTo(2);
		assertThat(json.path("pending").asInt()).isZero();
		JsonNode pi1 = json.path("results").get(0);
		assertThat(pi1.path("name").asString()).isEqualTo("pi1");
		assertThat(pi1.path("state").asString()).isEqualTo("succeeded");
		assertThat(pi1.path("error_kind").asString()).isEqualTo("none");
		assertThat(pi1.path("output").asString()).isEqualTo("up 3 days\n");
	}

	@Test
	void bareCommandSendsShellModeAndDefaults() {
		accept(succeeded("pi1", ""), succeeded("pi2", ""));
		this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "pi2");
		JsonNode body = sentBody();
		assertThat(body.path("mode").asString()).isEqualTo("shell");
		assertThat(body.path("command").asString()).isEqualTo("uptime");
		assertThat(body.path("targets").toString()).isEqualTo("[\"pi1\",\"pi2\"]");
		assertThat(body.path("timeout_seconds").asLong()).isEqualTo(60);
		assertThat(body.path("wait_offline_seconds").asLong()).isZero();
		assertThat(body.path("max_concurrency").isNull()).isTrue();
		assertThat(body.path("max_errors").isNull()).isTrue();
		assertThat(body.path("continuous").asBoolean()).isFalse();
		assertThat(body.path("stream_output").asBoolean()).isFalse();
	}

	@Test
	void jobOptionsAreSent() {
		accept(succeeded("pi1", ""));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-c", "tail -f /var/log/syslog", "pi1", "--timeout",
				"5m", "--output-limit", "4096", "--wait-offline", "10m", "--max-concurrency", "25%", "--max-errors",
				"3", "--continuous", "--follow");
		assertThat(run.exitCode()).isZero();
		JsonNode body = sentBody();
		assertThat(body.path("command").asString()).isEqualTo("tail -f /var/log/syslog");
		assertThat(body.path("timeout_seconds").asLong()).isEqualTo(300);
		assertThat(body.path("output_limit_bytes").asInt()).isEqualTo(4096);
		assertThat(body.path("wait_offline_seconds").asLong()).isEqualTo(600);
		assertThat(body.path("max_concurrency").asString()).isEqualTo("25%");
		assertThat(body.path("max_errors").asString()).isEqualTo("3");
		assertThat(body.path("continuous").asBoolean()).isTrue();
		assertThat(body.path("stream_output").asBoolean()).isTrue();
	}

	@Test
	void xrunSendsTheDelayAndTimeAlignment() {
		accept(succeeded("pi1", ""));
		OctlRun run = this.octl.run(this.config, "cmd", "xrun", "-d", "30", "-ta", "--max-clock-error", "20ms",
				"reboot", "pi1");
		assertThat(run.exitCode()).isZero();
		JsonNode body = sentBody();
		assertThat(body.path("start_delay_ms").asLong()).isEqualTo(30_000);
		assertThat(body.path("time_aligned").asBoolean()).isTrue();
		assertThat(body.path("max_clock_error_ms").asLong()).isEqualTo(20);
	}

	@Test
	void octopodaSpellingsMeanTheSame() {
		accept(succeeded("pi1", ""));
		OctlRun run = this.octl.run(this.config, "cmd", "xrun", "--time-align", "--delay-execute", "30", "-cc",
				"uname -a", "pi1");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode body = sentBody();
		assertThat(body.path("mode").asString()).isEqualTo("shell");
		assertThat(body.path("command").asString()).isEqualTo("uname -a");
		assertThat(body.path("targets").toString()).isEqualTo("[\"pi1\"]");
		assertThat(body.path("start_delay_ms").asLong()).isEqualTo(30_000);
		assertThat(body.path("time_aligned").asBoolean()).isTrue();
	}

	@Test
	void octopodaKeyValueSpellingsAreAccepted() {
		accept(succeeded("pi1", ""));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "--common-command=uptime", "-ta=false", "-d=5", "pi1");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode body = sentBody();
		assertThat(body.path("command").asString()).isEqualTo("uptime");
		assertThat(body.path("time_aligned").isNull()).isTrue();
		assertThat(body.path("start_delay_ms").asLong()).isEqualTo(5_000);
	}

	@Test
	void timeAlignFlagDoesNotSwallowTheCommand() {
		accept(succeeded("pi1", ""));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-ta", "uname -a", "pi1");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode body = sentBody();
		assertThat(body.path("command").asString()).isEqualTo("uname -a");
		assertThat(body.path("time_aligned").asBoolean()).isTrue();
	}

	@Test
	void octopodaShellscriptSpellingSendsTheScript() throws IOException {
		accept(succeeded("pi1", ""));
		Path script = this.dir.resolve("deploy.sh");
		Files.writeString(script, "echo hi > \"$OCTOPODA_OUTPUT\"\n");
		OctlRun run = this.octl.run(this.config, "cmd", "run", "--shellscript", script.toString(), "pi1");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(sentBody().path("mode").asString()).isEqualTo("script");
	}

	@Test
	void octopodaDelayThatIsNotANumberIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "cmd", "xrun", "--delay-execute", "soon", "uptime", "pi1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("soon");
	}

	@Test
	void octopodaCommonCommandTogetherWithAScriptIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-cc", "uptime", "-ss", "x.sh", "pi1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("use only one of -c, -bg and -ss");
	}

	@Test
	void clockErrorWithoutTimeAlignmentIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "cmd", "run", "--max-clock-error", "20ms", "uptime", "pi1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("add -ta");
	}

	@Test
	void badLimitsAreUsageErrors() {
		for (String bad : new String[] { "-1", "abc", "101%", "2.5", "10 %" }) {
			OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "--max-errors", bad);
			assertThat(run.exitCode()).as(bad).isEqualTo(2);
			assertThat(run.err()).as(bad).contains("is not an error limit");
		}
		for (String bad : new String[] { "0", "0%", "101%" }) {
			OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "--max-concurrency", bad);
			assertThat(run.exitCode()).as(bad).isEqualTo(2);
			assertThat(run.err()).as(bad).contains("is not a limit");
		}
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "--max-concurrency", "all");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void tablePrintsEachRowAsItsResultArrives() {
		accept(queued("pi1"), queued("pi2-long"));
		StringWriter out = new StringWriter();
		SseScript events = script().event("node", running("pi1"))
			.event("node", succeeded("pi2-long", "two\n"))
			.until(() -> out.toString().contains("pi2-long  succeeded  0"))
			.event("node", failed("pi1", "boom\n"))
			.event("done", job(failed("pi1", "boom\n"), succeeded("pi2-long", "two\n")));
		this.brain.events(ApiFixtures.eventsPath(), events);
		OctlRun run = this.octl.run(this.config, out, "cmd", "run", "x", "pi1", "pi2-long", "-o", "table");
		assertThat(events.unmetGates()).isZero();
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out()).isEqualTo("""
				NODE      STATE      EXIT
				pi2-long  succeeded  0
				pi1       failed     1

				pi1:
				  stderr:
				    boom

				pi2-long:
				    two
				""");
		assertThat(run.err().strip()).isEqualTo("octl: command did not succeed on 1 of 2 nodes: pi1 (failed, exit 1)");
	}

	@Test
	void aBrainThatStreamsTheStartIsFollowedInThatOneRequest() {
		StringWriter out = new StringWriter();
		SseScript events = script().header("Location", ApiFixtures.jobPath())
			.event("accepted", job(queued("pi1"), queued("pi2-long")))
			.event("node", queued("pi1"))
			.event("node", queued("pi2-long"))
			.event("node", succeeded("pi2-long", "two\n"))
			.until(() -> out.toString().contains("pi2-long  succeeded  0"))
			.event("node", succeeded("pi1", "one\n"))
			.event("done", job(succeeded("pi1", "one\n"), succeeded("pi2-long", "two\n")));
		this.brain.events("POST", ApiPaths.COMMANDS, events);
		OctlRun run = this.octl.run(this.config, out, "cmd", "run", "x", "pi1", "pi2-long", "-o", "table");
		assertThat(events.unmetGates()).isZero();
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).startsWith("""
				NODE      STATE      EXIT
				pi2-long  succeeded  0
				pi1       succeeded  0
				""");
		assertThat(this.brain.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo(ApiPaths.COMMANDS);
			assertThat(request.query()).isEqualTo("follow=true");
		});
	}

	@Test
	void aDocumentRunAsksTheStreamForTheEndOnly() {
		this.brain.events("POST", ApiPaths.COMMANDS,
				script().event("accepted", job(queued("pi1"))).event("done", job(succeeded("pi1", "up\n"))));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "-o", "json");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.json().path("success").asInt()).isEqualTo(1);
		assertThat(this.brain.lastRequest().query()).isEqualTo("follow=true&nodes=false");
	}

	@Test
	void tableShowsOutputsAndErrors() {
		accept(queued("pi1"), queued("pi2"), expired("pi3"));
		this.brain.events(ApiFixtures.eventsPath(), script().event("done",
				job(succeeded("pi1", "line one\nline two\n"), failed("pi2", "boom\n"), expired("pi3"))));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "x", "pi1", "pi2", "pi3", "-o", "table");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out()).isEqualTo("""
				NODE  STATE      EXIT
				pi1   succeeded  0
				pi2   failed     1
				pi3   expired    -

				pi1:
				    line one
				    line two

				pi2:
				  stderr:
				    boom

				pi3:
				  error: node is offline
				""");
		assertThat(run.err()).endsWith("octl: offline nodes fail at once; --wait-offline DURATION (such as 10m) "
				+ "gives them that long to come back\n");
	}

	@Test
	void offlineHintIsLeftOutWhenTheRunWaitedForOfflineNodes() {
		accept(expired("pi1"));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "x", "pi1", "--wait-offline", "10m");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("pi1 (expired)").doesNotContain("--wait-offline");
	}

	@Test
	void timeAlignedTableShowsTheAchievedStartSpread() {
		accept(queued("pi1"), queued("pi2"));
		JobResponse done = job(succeeded("pi1", "1.5\n"), succeeded("pi2", "1.5\n"));
		Instant startAt = ApiFixtures.NOW.plusSeconds(5);
		this.brain.events(ApiFixtures.eventsPath(),
				script().event("done", new JobResponse(done.id(), done.state(), done.mode(), done.command(),
						done.createdAt(), done.finishedAt(), done.results(), 0, 2, 0, 0, 0, startAt, 3L, 2L)));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-ta", "date", "pi1", "pi2", "-o", "table");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).isEqualTo("""
				NODE  STATE      EXIT
				pi1   succeeded  0
				pi2   succeeded  0

				start at 2026-11-22T10:15:35Z, start spread 3 ms (clock error up to 2 ms per node)

				pi1:
				    1.5

				pi2:
				    1.5
				""");
	}

	@Test
	void followPrintsLiveLinesAndTheSummaryOnStderr() {
		accept(queued("pi1"), queued("pi2"));
		this.brain.events(ApiFixtures.eventsPath(),
				script().event("node", running("pi1"))
					.event("output", ApiFixtures.stdout("pi1", "line one\nli"))
					.event("output", ApiFixtures.stdout("pi2", "x"))
					.event("output", new NodeOutputEvent("pi1", "stderr", "warn\n"))
					.event("node", succeeded("pi2", "x"))
					.pause(Duration.ofMillis(50))
					.event("output", ApiFixtures.stdout("pi1", "ne two\n"))
					.event("node", succeeded("pi1", "line one\nline two\n"))
					.event("done", job(succeeded("pi1", "line one\nline two\n"), succeeded("pi2", "x"))));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "tail -f log", "pi1", "pi2", "--follow");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).isEqualTo("pi1| line one\npi2| x\npi1| line two\n");
		assertThat(run.err()).isEqualTo("""
				pi1| warn
				NODE  STATE      EXIT
				pi1   succeeded  0
				pi2   succeeded  0
				""");
		assertThat(sentBody().path("stream_output").asBoolean()).isTrue();
	}

	@Test
	void asyncPrintsTheAcceptedJobWithoutWaiting() {
		accept(queued("pi1"));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "reboot", "pi1", "--async");
		assertThat(run.exitCode()).isZero();
		assertThat(run.json().path("state").asString()).isEqualTo("running");
		assertThat(run.json().path("results").get(0).path("state").asString()).isEqualTo("queued");
		assertThat(this.brain.requests()).hasSize(1);
	}

	@Test
	void asyncAndFollowTogetherAreAUsageError() {
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "--async", "--follow");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void offlineNodesExpireAtOnceWithoutWaiting() {
		accept(expired("pi1"));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.json().path("communication_error").asInt()).isEqualTo(1);
		assertThat(run.err()).isEqualTo(
				"""
						octl: command did not succeed on 1 of 1 nodes: pi1 (expired)
						octl: offline nodes fail at once; --wait-offline DURATION (such as 10m) gives them that long to come back
						""");
		assertThat(this.brain.requests()).hasSize(1);
	}

	@Test
	void unavailableEventsFallBackToPolling() {
		accept(queued("pi1"));
		this.brain.answerProblem("GET", ApiFixtures.eventsPath(), ErrorCode.UNAVAILABLE, "restarting");
		this.brain.answers("GET", ApiFixtures.jobPath(), Answer.json(job(running("pi1"))),
				Answer.json(job(succeeded("pi1", "ok\n"))));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1");
		assertThat(run.exitCode()).isZero();
		assertThat(run.err()).isEmpty();
		assertThat(run.json().path("results").get(0).path("output").asString()).isEqualTo("ok\n");
	}

	@Test
	void droppedStreamStillPrintsEveryRowOnce() {
		accept(queued("pi1"), queued("pi2"));
		this.brain.events(ApiFixtures.eventsPath(), script().event("node", succeeded("pi1", "")).drop(),
				script().drop());
		this.brain.answerJson("GET", ApiFixtures.jobPath(), job(succeeded("pi1", ""), succeeded("pi2", "")));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "pi2", "-o", "table");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith("""
				NODE  STATE      EXIT
				pi1   succeeded  0
				pi2   succeeded  0

				pi1:
				""");
	}

	@Test
	void brainRestartWhileWaitingStillPrintsTheFinalResult() {
		accept(queued("pi1"), queued("pi2"));
		this.brain.events(ApiFixtures.eventsPath(),
				script().event("node", succeeded("pi1", "one\n"))
					.then(() -> this.brain.goDown(Duration.ofMillis(1500)))
					.drop(),
				script().event("done", job(succeeded("pi1", "one\n"), succeeded("pi2", "two\n"))));
		this.brain.answerJson("GET", ApiFixtures.jobPath(), job(succeeded("pi1", "one\n"), running("pi2")));
		OctlRun run = this.octl.runInteractive(this.config, "cmd", "run", "uptime", "pi1", "pi2", "-o", "table");
		assertThat(run.exitCode()).isZero();
		assertThat(this.brain.refusedWhileDown()).isPositive();
		assertThat(run.out()).startsWith("""
				NODE  STATE      EXIT
				pi1   succeeded  0
				pi2   succeeded  0
				""").endsWith("pi2:\n    two\n");
		assertThat(run.err()).contains("octl: job job-1: the event stream from " + this.brain.uri() + " broke: ",
				"; polling the brain until the stream is back", "job job-1: 2/2 done");
	}

	@Test
	void progressNotesGoToStderrOnlyOnATerminal() {
		accept(queued("pi1"), queued("pi2"));
		this.brain.events(ApiFixtures.eventsPath(),
				script().event("node", succeeded("pi1", ""))
					.event("node", succeeded("pi2", ""))
					.event("done", job(succeeded("pi1", ""), succeeded("pi2", ""))));
		OctlRun run = this.octl.runInteractive(this.config, "cmd", "run", "uptime", "pi1", "pi2");
		assertThat(run.exitCode()).isZero();
		assertThat(run.err()).startsWith("job job-1: 0/2 done\n").endsWith("job job-1: 2/2 done\n");
		assertThat(run.json().path("success").asInt()).isEqualTo(2);
	}

	@Test
	void backgroundOptionSendsBackgroundMode() {
		accept(succeeded("pi1", ""));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-bg", "./server", "pi1");
		assertThat(run.exitCode()).isZero();
		assertThat(sentBody().path("mode").asString()).isEqualTo("background");
		assertThat(sentBody().path("command").asString()).isEqualTo("./server");
	}

	@Test
	void scriptOptionSendsTheFileContent() throws IOException {
		Path script = Files.writeString(this.dir.resolve("deploy.sh"), "#!/bin/sh\necho deployed \"$(hostname)\"\n");
		accept(succeeded("pi1", ""));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-ss", script.toString(), "pi1");
		assertThat(run.exitCode()).isZero();
		JsonNode body = sentBody();
		assertThat(body.path("mode").asString()).isEqualTo("script");
		assertThat(body.path("command").asString()).isEqualTo("#!/bin/sh\necho deployed \"$(hostname)\"\n");
		assertThat(body.path("targets").toString()).isEqualTo("[\"pi1\"]");
	}

	@Test
	void missingScriptIsInvalidInput() {
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-ss", this.dir.resolve("nope.sh").toString(), "pi1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("script file", "nope.sh", "does not exist");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void oversizedScriptIsInvalidInput() throws IOException {
		Path script = Files.write(this.dir.resolve("big.sh"), new byte[1024 * 1024 + 1]);
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-ss", script.toString(), "pi1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("1048577 bytes", "the limit is 1 MiB");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void twoModesAreAUsageError() {
		OctlRun run = this.octl.run(this.config, "cmd", "run", "-c", "ls", "-bg", "ls", "pi1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("use only one of -c, -bg and -ss");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void commandWithoutNodeIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("name at least one node");
	}

	@Test
	void badTimeoutIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "--timeout", "soon");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("'soon' is not a duration");
	}

	@Test
	void invalidRequestProblemIsInvalidInput() {
		this.brain.answerProblem("POST", ApiPaths.COMMANDS, ErrorCode.INVALID_REQUEST, "timeout_seconds is too large");
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "--timeout", "1000h");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("timeout_seconds is too large");
	}

	private void accept(NodeCommandResult... results) {
		this.brain.answers("POST", ApiPaths.COMMANDS,
				Answer.json(202, job(results)).withHeader("Location", ApiFixtures.jobPath()));
	}

	private JsonNode sentBody() {
		return OctoplaneJson.mapper().readTree(this.brain.requests("POST", ApiPaths.COMMANDS).getLast().body());
	}

}
