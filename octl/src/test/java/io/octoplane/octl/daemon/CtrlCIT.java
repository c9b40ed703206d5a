package io.octoplane.octl.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.SseScript;
import io.octoplane.testsupport.api.StubBrain.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.octoplane.testsupport.api.ApiFixtures.cancelled;
import static io.octoplane.testsupport.api.ApiFixtures.job;
import static io.octoplane.testsupport.api.ApiFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ctrl-C (SIGINT to the octl process) while {@code octl cmd run} waits, in octl's own
 * process and through the octl daemon: the first cancels the job, the second stops
 * waiting and leaves the job running; a command that does not handle Ctrl-C still ends at
 * once.
 */
class CtrlCIT extends StubBrainCommandTest {

	private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);

	private final AtomicBoolean finished = new AtomicBoolean();

	private DaemonPlace place;

	private FrontProcesses fronts;

	@BeforeEach
	void prepare() {
		Path daemonDir = this.dir.resolve("d");
		this.place = DaemonPlace.of(Map.of("OCTL_DAEMON_DIR", daemonDir.toString()));
		this.fronts = new FrontProcesses(this.config, this.octl.home(), daemonDir);
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		this.brain.answers("POST", ApiPaths.COMMANDS,
				Answer.json(202, job(running("pi1"))).withHeader("Location", ApiFixtures.jobPath()));
	}

	@AfterEach
	void stopDaemon() throws IOException {
		this.finished.set(true);
		if (Files.exists(this.place.pid())) {
			ProcessHandle.of(Long.parseLong(Files.readString(this.place.pid()).strip()))
				.filter((process) -> process.info().commandLine().orElse("").contains(OctlDaemon.class.getName()))
				.ifPresent(ProcessHandle::destroy);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "off", "on" })
	void firstCtrlCCancelsTheJobAndShowsTheCancelledResult(String daemon) throws Exception {
		startDaemonIf(daemon);
		this.brain.answerJson("POST", ApiFixtures.jobPath(ApiPaths.JOB_CANCEL), job(cancelled("pi1")));
		this.brain.events(ApiFixtures.eventsPath(),
				started().until(() -> !this.brain.requests("POST", ApiFixtures.jobPath(ApiPaths.JOB_CANCEL)).isEmpty())
					.event("node", cancelled("pi1"))
					.event("done", job(cancelled("pi1"))));
		Running run = start(daemon);
		run.awaitOutput();
		run.interrupt();
		assertThat(run.awaitExit()).as("%s", run).isEqualTo(1);
		assertThat(run.err()).contains("asking the brain to cancel job job-1", "job job-1 cancelled");
		assertThat(this.brain.requests("POST", ApiFixtures.jobPath(ApiPaths.JOB_CANCEL))).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "off", "on" })
	void secondCtrlCLeavesTheJobRunningAndSaysHowToFollowIt(String daemon) throws Exception {
		startDaemonIf(daemon);
		// The brain accepts the cancel, but the node has not confirmed it yet.
		this.brain.answerJson("POST", ApiFixtures.jobPath(ApiPaths.JOB_CANCEL), job(running("pi1")));
		this.brain.events(ApiFixtures.eventsPath(), started().until(this.finished::get));
		Running run = start(daemon);
		run.awaitOutput();
		run.interrupt();
		await().atMost(PROCESS_TIMEOUT).until(() -> run.err().contains("have not confirmed yet"));
		run.interrupt();
		assertThat(run.awaitExit()).as("%s", run).isEqualTo(130);
		assertThat(run.err()).contains("stopped waiting; job job-1 goes on", "octl job wait job-1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "off", "on" })
	void ctrlCEndsACommandThatDoesNotHandleIt(String daemon) throws Exception {
		startDaemonIf(daemon);
		this.brain.answerJson("GET", ApiFixtures.jobPath(), job(running("pi1")));
		this.brain.events(ApiFixtures.eventsPath(), started().until(this.finished::get));
		Path out = Files.createTempFile(this.dir, "wait", ".out");
		Path err = Files.createTempFile(this.dir, "wait", ".err");
		Process process = this.fronts
			.builder(this.dir, Map.of("OCTL_DAEMON", daemon), List.of("job", "wait", "job-1", "--follow"))
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		Running run = new Running(process, out, err);
		run.awaitOutput();
		run.interrupt();
		assertThat(run.awaitExit()).as("%s", run).isEqualTo(130);
		assertThat(this.brain.requests("POST", ApiFixtures.jobPath(ApiPaths.JOB_CANCEL))).isEmpty();
	}

	private static SseScript started() {
		return SseScript.script().event("node", running("pi1")).event("output", ApiFixtures.stdout("pi1", "started\n"));
	}

	private void startDaemonIf(String daemon) throws Exception {
		if (!daemon.equals("on")) {
			return;
		}
		Process first = this.fronts.builder(this.dir, Map.of(), List.of("node", "get"))
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(first.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		await().atMost(PROCESS_TIMEOUT).until(() -> Files.exists(this.place.socket()));
	}

	private Running start(String daemon) throws IOException {
		Path out = Files.createTempFile(this.dir, "run", ".out");
		Path err = Files.createTempFile(this.dir, "run", ".err");
		// --follow prints the node's output as it comes: once it shows, octl waits and
		// handles Ctrl-C.
		Process process = this.fronts
			.builder(this.dir, Map.of("OCTL_DAEMON", daemon), List.of("cmd", "run", "sleep 100", "pi1", "--follow"))
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		return new Running(process, out, err);
	}

	/** An octl process under test, with its output in files. */
	private record Running(Process process, Path out, Path errFile) {

		void awaitOutput() {
			await().atMost(PROCESS_TIMEOUT).until(() -> Files.readString(this.out).contains("pi1| started"));
		}

		void interrupt() throws Exception {
			Process kill = new ProcessBuilder("kill", "-INT", Long.toString(this.process.pid())).start();
			assertThat(kill.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(kill.exitValue()).isZero();
		}

		int awaitExit() throws InterruptedException {
			try {
				assertThat(this.process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(err()).isTrue();
				return this.process.exitValue();
			}
			finally {
				this.process.destroyForcibly();
			}
		}

		@Override
		public String toString() {
			return "octl with stderr:\n" + err();
		}

		String err() {
			try {
				return Files.readString(this.errFile);
			}
			catch (IOException ex) {
				return "(unreadable: " + ex + ")";
			}
		}

	}

}
