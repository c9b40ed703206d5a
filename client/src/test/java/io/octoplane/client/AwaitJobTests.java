package io.octoplane.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.octoplane.certs.PemPair;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeOutputEvent;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.StubBrain;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.certs.CertFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.octoplane.testsupport.api.ApiFixtures.job;
import static io.octoplane.testsupport.api.ApiFixtures.queued;
import static io.octoplane.testsupport.api.ApiFixtures.running;
import static io.octoplane.testsupport.api.ApiFixtures.succeeded;
import static io.octoplane.testsupport.api.SseScript.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AwaitJobTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final CommandRequest START = CommandRequest.of(List.of("pi1"), CommandMode.SHELL, "true");

	@TempDir
	Path dir;

	private StubBrain brain;

	private OctoplaneClient client;

	private final Recorder recorder = new Recorder();

	@BeforeEach
	void startBrain() throws Exception {
		CertFixtures certs = CertFixtures.create(Files.createDirectories(this.dir.resolve("certs")));
		this.brain = StubBrain.start(certs);
		PemPair alice = certs.operator("alice");
		this.client = OctoplaneClient.builder()
			.baseUri(this.brain.uri())
			.sslContext(PemTls.clientContext(alice.certificate(), alice.privateKey(), certs.caCert()))
			.build();
	}

	@AfterEach
	void stopBrain() {
		this.brain.close();
	}

	@Test
	void followsTheEventStreamUntilDone() {
		JobResponse done = job(succeeded("pi1", "hi\n"), succeeded("pi2", ""));
		this.brain.events(ApiFixtures.eventsPath(),
				script().comment(" keep-alive")
					.event("node", queued("pi1"))
					.multiLineEvent("node", queued("pi2"))
					.pause(Duration.ofMillis(100))
					.event("node", running("pi1"))
					.event("output", ApiFixtures.stdout("pi1", "hi\n"))
					.comment("")
					.multiLineEvent("node", succeeded("pi1", "hi\n"))
					.event("node", succeeded("pi2", ""))
					.multiLineEvent("done", done));
		JobResponse result = this.client.jobs().await(ApiFixtures.JOB_ID, WAIT, this.recorder);
		assertThat(result).isEqualTo(done);
		assertThat(this.recorder.seen).containsExactly("node pi1 queued", "node pi2 queued", "node pi1 running",
				"output pi1 stdout hi\n", "node pi1 succeeded", "node pi2 succeeded");
		assertThat(this.brain.requests("GET", ApiFixtures.jobPath())).isEmpty();
	}

	@Test
	void listenerWithoutNodeStatesAsksForTheEndOnlyAndGetsEachFinalState() {
		JobResponse done = job(succeeded("pi1", ""), succeeded("pi2", ""));
		// A brain that predates the choice still sends node events.
		this.brain.events(ApiFixtures.eventsPath(),
				script().event("node", queued("pi1"))
					.event("output", ApiFixtures.stdout("pi1", "hi\n"))
					.event("node", running("pi1"))
					.event("done", done));
		JobListener endOnly = new JobListener() {

			@Override
			public void onNode(NodeCommandResult result) {
				AwaitJobTests.this.recorder.onNode(result);
			}

			@Override
			public void onOutput(NodeOutputEvent output) {
				AwaitJobTests.this.recorder.onOutput(output);
			}

			@Override
			public boolean wantsNodeStates() {
				return false;
			}

		};
		assertThat(this.client.jobs().await(ApiFixtures.JOB_ID, WAIT, endOnly)).isEqualTo(done);
		assertThat(this.brain.requests("GET", ApiFixtures.eventsPath())).singleElement()
			.extracting(StubBrain.Request::query)
			.isEqualTo("nodes=false");
		assertThat(this.recorder.seen).containsExactly("output pi1 stdout hi\n", "node pi1 succeeded",
				"node pi2 succeeded");
	}

	@Test
	void aListenerThatIgnoresEverythingWantsNoNodeStates() {
		assertThat(JobListener.none().wantsNodeStates()).isFalse();
		assertThat(this.recorder.wantsNodeStates()).isTrue();
	}

	@Test
	void aFinishedStreamLeavesItsConnectionForTheNextCall() {
		JobResponse done = job(succeeded("pi1", ""));
		// The end of the stream comes a moment after "done", as from a real brain.
		this.brain.events(ApiFixtures.eventsPath(),
				script().event("node", queued("pi1")).event("done", done).pause(Duration.ofMillis(20)));
		this.brain.answerJson("GET", ApiFixtures.jobPath(), done);
		assertThat(this.client.jobs().await(ApiFixtures.JOB_ID, WAIT, this.recorder)).isEqualTo(done);
		assertThat(this.client.jobs().await(ApiFixtures.JOB_ID, WAIT, this.recorder)).isEqualTo(done);
		assertThat(this.client.jobs().get(ApiFixtures.JOB_ID)).isEqualTo(done);
		assertThat(this.brain.requests()).hasSize(3);
		assertThat(this.brain.connections()).isOne();
	}

	@Test
	void reopenedStreamReportsEachStateOnce() {
		this.brain.answerJson("GET", ApiFixtures.jobPath(), job(running("pi1")));
		this.brain.events(ApiFixtures.eventsPath(), script().event("node", running("pi1")).drop(),
				script().event("node", running("pi1"))
					.event("node", succeeded("pi1", ""))
					.event("done", job(succeeded("pi1", ""))));
		JobResponse result = this.client.jobs().await(ApiFixtures.JOB_ID, WAIT, this.recorder);
		assertThat(result.done()).isTrue();
		assertThat(this.recorder.seen).containsExactly("node pi1 running", "lost", "node pi1 succeeded");
		assertThat(this.brain.requests("GET", ApiFixtures.eventsPath())).hasSize(2);
	}

	@Test
	void unavailableEventStreamFallsBackToPolling() {
		this.brain.answerProblem("GET", ApiFixtures.eventsPath(), ErrorCode.UNAVAILABLE, "starting up");
		this.brain.answers("GET", ApiFixtures.jobPath(), Answer.json(job(running("pi1"), queued("pi2"))),
				Answer.json(job(running("pi1"), running("pi2"))),
				Answer.json(job(succeeded("pi1", "a\n"), succeeded("pi2", "b\n"))));
		JobResponse result = this.client.jobs().await(ApiFixtures.JOB_ID, WAIT, this.recorder);
		assertThat(result).isEqualTo(job(succeeded("pi1", "a\n"), succeeded("pi2", "b\n")));
		assertThat(this.recorder.seen).containsExactly("lost", "node pi1 running", "node pi2 queued",
				"node pi2 running", "node pi1 succeeded", "node pi2 succeeded");
		assertThat(this.brain.requests("GET", ApiFixtures.jobPath())).hasSize(3);
		// Between polls the stream is tried again, in case the brain is back.
		assertThat(this.brain.requests("GET", ApiFixtures.eventsPath())).hasSize(3);
	}

	@Test
	void droppedStreamAndRestartingBrainStillGiveTheResult() {
		this.brain.events(ApiFixtures.eventsPath(), script().event("node", running("pi1")).drop(), script().drop());
		this.brain.answers("GET", ApiFixtures.jobPath(), Answer.problem(ErrorCode.UNAVAILABLE, "redis is down"),
				Answer.json(job(ApiFixtures.failed("pi1", "boom\n"))));
		JobResponse result = this.client.jobs().await(ApiFixtures.JOB_ID, WAIT, this.recorder);
		assertThat(result).isEqualTo(job(ApiFixtures.failed("pi1", "boom\n")));
		assertThat(this.recorder.seen).containsExactly("node pi1 running", "lost", "node pi1 failed");
	}

	@Test
	void timeoutCarriesTheLastJobSeen() {
		this.brain.answerJson("GET", ApiFixtures.jobPath(), job(running("pi1")));
		this.brain.events(ApiFixtures.eventsPath(),
				script().event("node", running("pi1")).comment("").pause(Duration.ofSeconds(5)));
		assertThatExceptionOfType(JobTimeoutException.class)
			.isThrownBy(() -> this.client.jobs().await(ApiFixtures.JOB_ID, Duration.ofMillis(700), this.recorder))
			.satisfies((ex) -> {
				assertThat(ex.lastJob()).isEqualTo(job(running("pi1")));
				assertThat(ex.jobId()).isEqualTo(ApiFixtures.JOB_ID);
				assertThat(ex.getMessage()).isEqualTo("job job-1 did not finish within 700ms (1 of 1 targets still "
						+ "pending); it keeps running on the brain: see 'octl job get job-1'");
			});
	}

	@Test
	void unknownJobFailsAtOnce() {
		this.brain.answerProblem("GET", ApiFixtures.eventsPath(), ErrorCode.JOB_NOT_FOUND, "no job job-1");
		assertThatExceptionOfType(OctoplaneApiException.class)
			.isThrownBy(() -> this.client.jobs().await(ApiFixtures.JOB_ID, WAIT, this.recorder))
			.satisfies((ex) -> assertThat(ex.errorCode()).contains(ErrorCode.JOB_NOT_FOUND));
		assertThat(this.brain.requests()).hasSize(1);
	}

	@Test
	void brainWithoutEventStreamsIsOnlyPolled() {
		this.brain.answers("GET", ApiFixtures.jobPath(), Answer.json(job(running("pi1"))),
				Answer.json(job(running("pi1"))), Answer.json(job(succeeded("pi1", ""))));
		JobResponse result = this.client.jobs().await(ApiFixtures.JOB_ID, WAIT, this.recorder);
		assertThat(result.done()).isTrue();
		assertThat(this.brain.requests("GET", ApiFixtures.eventsPath())).hasSize(1);
	}

	@Test
	void runStartsAJobAndFollowsItInOneRequest() {
		JobResponse done = job(succeeded("pi1", "hi\n"));
		this.brain.events("POST", ApiPaths.COMMANDS,
				script().header("Location", ApiFixtures.jobPath())
					.event("accepted", job(queued("pi1")))
					.event("node", queued("pi1"))
					.event("node", running("pi1"))
					.event("output", ApiFixtures.stdout("pi1", "hi\n"))
					.event("node", succeeded("pi1", "hi\n"))
					.event("done", done));
		JobResponse result = this.client.jobs().run(START, WAIT, this.recorder);
		assertThat(result).isEqualTo(done);
		assertThat(this.recorder.seen).containsExactly("accepted job-1", "node pi1 queued", "node pi1 running",
				"output pi1 stdout hi\n", "node pi1 succeeded");
		assertThat(this.brain.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.query()).isEqualTo("follow=true");
			assertThat(request.body()).contains("\"targets\":[\"pi1\"]");
		});
	}

	@Test
	void runWithoutNodeStatesAsksForTheEndOnly() {
		JobResponse done = job(succeeded("pi1", ""));
		this.brain.events("POST", ApiPaths.COMMANDS,
				script().event("accepted", job(queued("pi1"))).event("done", done));
		assertThat(this.client.jobs().run(START, WAIT, JobListener.none())).isEqualTo(done);
		assertThat(this.brain.lastRequest().query()).isEqualTo("follow=true&nodes=false");
	}

	@Test
	void runOnABrainThatAnswersTheStartWithTheJobFollowsItsEventsAsBefore() {
		this.brain.answers("POST", ApiPaths.COMMANDS, Answer.json(202, job(queued("pi1"))));
		this.brain.events(ApiFixtures.eventsPath(),
				script().event("node", queued("pi1"))
					.event("node", succeeded("pi1", ""))
					.event("done", job(succeeded("pi1", ""))));
		assertThat(this.client.jobs().run(START, WAIT, this.recorder).done()).isTrue();
		assertThat(this.recorder.seen).containsExactly("accepted job-1", "node pi1 queued", "node pi1 succeeded");
		assertThat(this.brain.requests("POST", ApiPaths.COMMANDS)).hasSize(1);
	}

	@Test
	void aStartTheBrainRefusesThrowsItsProblemAndIsNotRepeated() {
		this.brain.answerProblem("POST", ApiPaths.COMMANDS, ErrorCode.INVALID_REQUEST,
				"targets must name at least one node");
		assertThatExceptionOfType(OctoplaneApiException.class)
			.isThrownBy(() -> this.client.jobs().run(START, WAIT, this.recorder))
			.satisfies((ex) -> {
				assertThat(ex.errorCode()).contains(ErrorCode.INVALID_REQUEST);
				assertThat(ex.getMessage()).contains("at least one node");
			});
		assertThat(this.brain.requests()).hasSize(1);
		assertThat(this.recorder.seen).isEmpty();
	}

	@Test
	void aStartWithoutAnAnswerFailsAsASubmitDoesAndIsNotRepeated() {
		this.brain.answers("POST", ApiPaths.COMMANDS, Answer.hangUp());
		assertThatExceptionOfType(OctoplaneConnectionException.class)
			.isThrownBy(() -> this.client.jobs().run(START, WAIT, this.recorder));
		assertThat(this.brain.requests("POST", ApiPaths.COMMANDS)).hasSize(1);
		assertThat(this.recorder.seen).isEmpty();
	}

	@Test
	void aStartWhoseStreamBreaksBeforeItsFirstEventIsFollowedByTheJobItNames() {
		this.brain.events("POST", ApiPaths.COMMANDS, script().header("Location", ApiFixtures.jobPath()).drop());
		this.brain.answerJson("GET", ApiFixtures.jobPath(), job(succeeded("pi1", "")));
		assertThat(this.client.jobs().run(START, WAIT, this.recorder).done()).isTrue();
		assertThat(this.recorder.seen).containsSubsequence("accepted job-1", "node pi1 succeeded");
		assertThat(this.brain.requests("POST", ApiPaths.COMMANDS)).hasSize(1);
	}

	private static final class Recorder implements JobListener {

		private final List<String> seen = new CopyOnWriteArrayList<>();

		@Override
		public void onNode(NodeCommandResult result) {
			this.seen.add("node " + result.name() + " " + result.state());
		}

		@Override
		public void onOutput(NodeOutputEvent output) {
			this.seen.add("output " + output.name() + " " + output.stream() + " " + output.data());
		}

		@Override
		public void onStreamLost(String reason) {
			this.seen.add("lost");
		}

		@Override
		public void onAccepted(JobResponse job) {
			this.seen.add("accepted " + job.id());
		}

	}

}
