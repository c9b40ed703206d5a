package io.octoplane.octl.daemon;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.SseScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The octl front end and daemon as real processes against a stub brain: the first call
 * runs in its own process and starts the daemon, later calls are answered by it with the
 * same output and exit status, relative paths mean the caller's folder, and the daemon
 * stops when asked, when idle, or when a caller of another build arrives.
 */
class DaemonIT extends StubBrainCommandTest {

	private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);

	private Path daemonDir;

	private DaemonPlace place;

	@BeforeEach
	void answerNodeList() {
		this.daemonDir = this.dir.resolve("d");
		// The front end runs the same build as this test, so it names the same files.
		this.place = DaemonPlace.of(Map.of("OCTL_DAEMON_DIR", this.daemonDir.toString()));
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
	}

	@AfterEach
	void stopDaemon() throws IOException {
		Path pidFile = this.place.pid();
		if (Files.exists(pidFile)) {
			// A daemon killed by a test leaves its pid file; the pid may be another
			// process's by now.
			ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
				.filter((process) -> process.info().commandLine().orElse("").contains(OctlDaemon.class.getName()))
				.ifPresent(ProcessHandle::destroy);
		}
	}

	@Test
	void firstCallRunsInItsOwnProcessAndStartsTheDaemonThatAnswersTheNext() throws Exception {
		Result first = front(Map.of(), "node", "get");
		assertThat(first.status()).isZero();
		assertThat(first.out()).contains("\"name\": \"pi1\"");
		awaitDaemon();
		assertThat(commandsRun()).isZero();

		Result second = front(Map.of(), "node", "get");
		assertThat(second).isEqualTo(first);
		assertThat(commandsRun()).isEqualTo(1);
		assertThat(this.brain.requests("GET", ApiPaths.NODES)).hasSize(2);
	}

	@Test
	void answersWithTheSameOutputAndStatusAsOctlAlone() throws Exception {
		startDaemon();
		this.brain.answerProblem("GET", ApiPaths.NODES, ErrorCode.NODE_NOT_FOUND, "no node named pi9");
		List<List<String>> calls = List.of(List.of("node", "get", "pi9"), List.of("node", "get", "-sf", "nope"),
				List.of("--help"), List.of("node", "get", "--help"), List.of("nosuchcommand"), List.of("version"),
				List.of(), List.of("-o", "table"), List.of("--help"), List.of("--version"),
				List.of("help", "cmd", "run"), List.of("-c", this.config.toString(), "node", "get"));
		for (List<String> call : calls) {
			String[] args = call.toArray(String[]::new);
			Result alone = front(Map.of("OCTL_DAEMON", "off"), args);
			Result daemon = front(Map.of(), args);
			assertThat(daemon).as("octl %s", call).isEqualTo(alone);
		}
		assertThat(commandsRun()).isEqualTo(calls.size());
	}

	@Test
	void octopodasEnvironmentSwitchesWorkThroughTheDaemon() throws Exception {
		startDaemon();
		Map<String, String> quiet = Map.of("OCTL_NOPRINT", "", "OCTL_NOSPINNER", "", "OCTL_NOCOLOR", "");
		Map<String, String> alonePlease = new HashMap<>(quiet);
		alonePlease.put("OCTL_DAEMON", "off");
		Result alone = front(alonePlease, "node", "get");
		Result daemon = front(quiet, "node", "get");
		assertThat(daemon).isEqualTo(alone);
		assertThat(daemon.status()).isZero();
		assertThat(daemon.out()).isEmpty();
		assertThat(commandsRun()).isEqualTo(1);
	}

	@Test
	void relativePathsMeanTheCallersFolder() throws Exception {
		startDaemon();
		Path elsewhere = Files.createDirectories(this.dir.resolve("elsewhere"));
		// The same settings with the PEM paths made absolute, since they are relative to
		// the config file's folder.
		String yaml = Files.readString(this.config).replace(": certs/", ": " + this.dir.resolve("certs") + "/");
		Files.writeString(elsewhere.resolve("my.yaml"), yaml);
		Result run = frontIn(elsewhere, Map.of("OCTL_CONFIG", "/nonexistent.yaml"), "--config", "my.yaml", "node",
				"get");
		assertThat(run.status()).as(run.err()).isZero();
		assertThat(run.out()).contains("\"name\": \"pi1\"");
		assertThat(commandsRun()).isEqualTo(1);
	}

	@Test
	void commandsThatNeedTheCallersTerminalRunInTheCallersProcess() throws Exception {
		startDaemon();
		Result alone = front(Map.of("OCTL_DAEMON", "off"), "node", "revoke", "pi1");
		Result handedBack = front(Map.of(), "node", "revoke", "pi1");
		assertThat(handedBack).isEqualTo(alone);
		assertThat(handedBack.status()).isEqualTo(2);
		assertThat(commandsRun()).isZero();
	}

	@Test
	void aFolderOthersMayEnterIsNeverUsed() throws Exception {
		Files.createDirectories(this.daemonDir);
		Files.setPosixFilePermissions(this.daemonDir, PosixFilePermissions.fromString("rwxr-xr-x"));
		Result run = front(Map.of(), "node", "get");
		assertThat(run.status()).isZero();
		assertThat(run.err()).contains("not using the octl daemon", "open to others");
		assertThat(this.place.socket()).doesNotExist();
		assertThat(this.place.lock()).doesNotExist();
	}

	@Test
	void stopsWhenAskedAndNoCallStartsOneJustToStopIt() throws Exception {
		startDaemon();
		Result stop = front(Map.of(), "daemon", "stop");
		assertThat(stop.status()).isZero();
		assertThat(stop.out()).contains("stopping the octl daemon");
		awaitGone();
		Result status = front(Map.of(), "daemon", "status");
		assertThat(status.status()).isEqualTo(3);
		assertThat(status.out()).contains("no octl daemon is running");
		front(Map.of(), "daemon", "stop");
		assertThat(this.place.socket()).doesNotExist();
	}

	@Test
	void aDaemonLostMidCommandIsReportedAndTheCommandIsNotRunAgain() throws Exception {
		startDaemon();
		this.brain.answerJson("GET", ApiFixtures.jobPath(), ApiFixtures.job(ApiFixtures.running("pi1")));
		this.brain.events(ApiFixtures.eventsPath(),
				SseScript.script().event("node", ApiFixtures.running("pi1")).pause(Duration.ofSeconds(10)));
		Path out = this.dir.resolve("lost.out");
		Path err = this.dir.resolve("lost.err");
		Process front = frontProcess(this.dir, Map.of(), List.of("job", "wait", "job-1", "--timeout", "60s"))
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		try {
			await().atMost(PROCESS_TIMEOUT)
				.until(() -> !this.brain.requests("GET", ApiFixtures.eventsPath()).isEmpty());
			long pid = Long.parseLong(Files.readString(this.place.pid()).strip());
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
			assertThat(front.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
		finally {
			front.destroyForcibly();
		}
		assertThat(front.exitValue()).isEqualTo(1);
		assertThat(Files.readString(err)).contains("the octl daemon stopped in the middle of the command");
		assertThat(this.brain.requests("GET", ApiFixtures.eventsPath())).hasSize(1);
	}

	@Test
	void exitsByItselfAfterTheIdleTime() throws Exception {
		front(Map.of("OCTL_DAEMON_IDLE", "1s"), "node", "get");
		awaitDaemon();
		awaitGone();
		assertThat(Files.readString(this.place.log())).contains("no call for 1 s; exiting");
	}

	@Test
	void aCallerOfAnotherBuildStopsItWithoutRunningAnything() throws Exception {
		startDaemon();
		try (SocketChannel channel = connect()) {
			DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
			new DaemonRequest("another build", this.dir.toString(), false, List.of("node", "get"), Map.of())
				.writeTo(out);
			DaemonFrames.Frame answer = DaemonFrames
				.read(new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))));
			assertThat(answer.type()).isEqualTo(DaemonFrames.STALE);
		}
		awaitGone();
		assertThat(this.brain.requests("GET", ApiPaths.NODES)).hasSize(1);
	}

	@Test
	void garbageOrOversizedRequestsAreDroppedAndTheDaemonServesOn() throws Exception {
		startDaemon();
		try (SocketChannel channel = connect()) {
			channel.write(java.nio.ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
			assertThat(Channels.newInputStream(channel).read()).isEqualTo(-1);
		}
		try (SocketChannel channel = connect()) {
			DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
			out.writeInt(DaemonRequest.MAGIC.length());
			out.write(DaemonRequest.MAGIC.getBytes(StandardCharsets.UTF_8));
			out.writeInt(Integer.MAX_VALUE);
			out.flush();
			assertThat(Channels.newInputStream(channel).read()).isEqualTo(-1);
		}
		assertThat(front(Map.of(), "node", "get").status()).isZero();
		assertThat(commandsRun()).isEqualTo(1);
	}

	private void startDaemon() throws Exception {
		assertThat(front(Map.of(), "node", "get").status()).isZero();
		awaitDaemon();
	}

	private void awaitDaemon() {
		await().atMost(PROCESS_TIMEOUT).until(() -> daemonStatus().status() == 0);
	}

	private void awaitGone() {
		await().atMost(PROCESS_TIMEOUT).until(() -> !Files.exists(this.place.pid()));
	}

	private Result daemonStatus() throws Exception {
		// Straight to the socket: through the front end a missing daemon would be
		// started, and status would never say no.
		if (!Files.exists(this.place.socket())) {
			return new Result(3, "", "");
		}
		return front(Map.of(), "daemon", "status");
	}

	private long commandsRun() throws Exception {
		Result status = daemonStatus();
		assertThat(status.status()).as(status.err()).isZero();
		String text = status.out();
		int at = text.indexOf("commands run ") + "commands run ".length();
		return Long.parseLong(text.substring(at, text.indexOf(',', at)));
	}

	private SocketChannel connect() throws IOException {
		SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		channel.connect(UnixDomainSocketAddress.of(this.place.socket()));
		return channel;
	}

	private Result front(Map<String, String> env, String... args) throws Exception {
		return frontIn(this.dir, env, args);
	}

	private ProcessBuilder frontProcess(Path folder, Map<String, String> env, List<String> args) {
		return new FrontProcesses(this.config, this.octl.home(), this.daemonDir).builder(folder, env, args);
	}

	private Result frontIn(Path folder, Map<String, String> env, String... args) throws Exception {
		ProcessBuilder builder = frontProcess(folder, env, List.of(args));
		Path out = Files.createTempFile(this.dir, "out", ".txt");
		Path err = Files.createTempFile(this.dir, "err", ".txt");
		Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("octl " + String.join(" ", args) + " did not finish in " + PROCESS_TIMEOUT);
		}
		return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	private record Result(int status, String out, String err) {
	}

}
