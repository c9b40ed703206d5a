package io.octoplane.tentacle.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.CancelCommand;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandOutput;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.CommandStarted;
import io.octoplane.protocol.agent.DataOpen;
import io.octoplane.protocol.agent.Facts;
import io.octoplane.protocol.agent.Goodbye;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.agent.RelayOpen;
import io.octoplane.protocol.agent.RenewCertificate;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.protocol.agent.TunnelAttach;
import io.octoplane.protocol.digest.Sha256;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.TentacleState;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.tentacle.journal.CommandJournal;
import io.octoplane.testsupport.certs.CertFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery guarantee end to end, with real processes and a fake brain over real mTLS:
 * no command id runs twice and no result is lost, across link drops and restarts.
 */
class CommandDeliveryIT {

	private static final long INTERVAL_MILLIS = 200;

	private static final Duration WAIT = Duration.ofSeconds(15);

	// Appends a line per run, so a second run shows up in the file.
	private static final String COUNTED = "echo run >> runs.log; ";

	@TempDir
	static Path certs;

	private static CertFixtures fixtures;

	@TempDir
	Path workspace;

	@TempDir
	Path scratch;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private FakeBrain brain;

	@BeforeAll
	static void mintCertificates() {
		fixtures = CertFixtures.create(certs);
	}

	@BeforeEach
	void startBrain() throws Exception {
		PemPair server = fixtures.brain();
		this.brain = new FakeBrain(PemTls.serverContext(server.certificate(), server.privateKey(), fixtures.caCert()),
				INTERVAL_MILLIS);
		this.closeables.add(this.brain);
	}

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables.reversed()) {
			closeable.close();
		}
	}

	@Test
	void redeliveryAfterAReconnectDoesNotRunTheCommandAgain() throws Exception {
		Tentacle tentacle = connectedTentacle();
		RunCommand command = shell("once", COUNTED + "sleep 1; echo done");
		this.brain.send(command);
		CommandStarted started = next(CommandStarted.class, "once");
		assertThat(started.startedAtMillis()).isPositive();
		this.brain.dropConnection();
		await().atMost(WAIT)
			.until(() -> this.brain.handshakes.get() == 2 && tentacle.state() == TentacleState.CONNECTED);
		this.brain.send(command);
		CommandResult result = next(CommandResult.class, "once");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(result.stdout()).isEqualTo("done\n");
		this.brain.send(command);
		assertThat(next(CommandResult.class, "once")).isEqualTo(result);
		assertThat(runs()).isOne();
	}

	@Test
	void newTentacleResendsUnacknowledgedResultsFirstAndAnswersRedeliveryFromTheJournal() throws Exception {
		this.brain.ackResults = false;
		Tentacle first = connectedTentacle();
		RunCommand command = shell("r1", COUNTED + "echo out");
		this.brain.send(command);
		CommandResult result = next(CommandResult.class, "r1");
		first.close();
		this.brain.received.clear();
		connectedTentacle();
		// Heartbeats run on their own thread and may come first; among the frames about
		// commands, the resent result must lead.
		assertThat(nextExceptHeartbeat()).isInstanceOf(Hello.class);
		assertThat(nextExceptHeartbeat()).isEqualTo(result);
		this.brain.ackResults = true;
		this.brain.send(command);
		assertThat(next(CommandResult.class, "r1")).isEqualTo(result);
		assertThat(runs()).isOne();
	}

	@Test
	void resultProducedWhileDisconnectedIsDeliveredAfterTheReconnectAndAcknowledged() throws Exception {
		Tentacle tentacle = connectedTentacle();
		this.brain.send(shell("offline", "sleep 1; echo late; touch finished"));
		next(CommandStarted.class, "offline");
		this.brain.refuseWith = new Goodbye("brain under maintenance", true);
		this.brain.dropConnection();
		await().atMost(WAIT)
			.until(() -> Files.exists(this.workspace.resolve("finished")) && this.brain.handshakes.get() >= 3);
		assertThat(this.brain.received).noneMatch(CommandResult.class::isInstance);
		this.brain.refuseWith = null;
		CommandResult result = next(CommandResult.class, "offline");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(result.stdout()).isEqualTo("late\n");
		Path entry = journalEntry("offline");
		await().atMost(WAIT).until(() -> Files.readString(entry).matches(".*\"acknowledgedAtMillis\":\\d.*"));
		// Acknowledged: a restarted tentacle has nothing to resend.
		tentacle.close();
		this.brain.received.clear();
		connectedTentacle();
		next(Heartbeat.class, null);
		next(Heartbeat.class, null);
		assertThat(this.brain.received).noneMatch(CommandResult.class::isInstance);
	}

	@Test
	void killedTentacleReportsItsInterruptedCommandAsRejectedAndNeverRerunsIt() throws Exception {
		Process child = tentacleProcess();
		try {
			next(Heartbeat.class, null);
			RunCommand command = shell("crash", COUNTED + "echo $$ > crash.pid; exec sleep 300");
			this.brain.send(command);
			next(CommandStarted.class, "crash");
			Path pidFile = this.workspace.resolve("crash.pid");
			await().atMost(WAIT).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
			child.destroyForcibly();
			assertThat(child.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			try {
				connectedTentacle();
				CommandResult rejected = next(CommandResult.class, "crash");
				assertThat(rejected.outcome()).isEqualTo(CommandOutcome.REJECTED);
				assertThat(rejected.exitCode()).isEqualTo(-1);
				assertThat(rejected.error()).isEqualTo(CommandJournal.RESTARTED);
				this.brain.send(command);
				assertThat(next(CommandResult.class, "crash").outcome()).isEqualTo(CommandOutcome.REJECTED);
				assertThat(runs()).isOne();
			}
			finally {
				// Started in its own session, the orphan outlived
				// the kill: that is why its outcome is unknown.
				ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
					.ifPresent(ProcessHandle::destroyForcibly);
			}
		}
		finally {
			child.destroyForcibly();
		}
	}

	@Test
	void cancelKillsARunningCommandWithItsGrandchildren() throws Exception {
		connectedTentacle();
		this.brain.send(shell("victim", "sleep 300 & echo $! > pid; wait"));
		Path pidFile = this.workspace.resolve("pid");
		await().atMost(WAIT).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
		this.brain.send(new CancelCommand("victim", "operator said stop"));
		CommandResult result = next(CommandResult.class, "victim");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.CANCELLED);
		assertThat(result.exitCode()).isEqualTo(-1);
		assertThat(result.error()).isEqualTo("operator said stop");
		long grandchild = Long.parseLong(Files.readString(pidFile).strip());
		await().atMost(WAIT)
			.until(() -> ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE);
	}

	@Test
	void cancelBeforeStartMeansTheCommandNeverRuns() throws Exception {
		connectedTentacle();
		this.brain.send(new CancelCommand("early", "not needed any more"));
		CommandResult cancelled = next(CommandResult.class, "early");
		assertThat(cancelled.outcome()).isEqualTo(CommandOutcome.CANCELLED);
		assertThat(cancelled.error()).isEqualTo("not needed any more");
		this.brain.send(shell("early", COUNTED + "echo ran"));
		assertThat(next(CommandResult.class, "early")).isEqualTo(cancelled);
		assertThat(this.workspace.resolve("runs.log")).doesNotExist();
	}

	@Test
	void continuousCommandSucceedsAtItsTimeLimit() throws Exception {
		connectedTentacle();
		this.brain.send(new RunCommand("tail", CommandMode.SHELL, "echo tick; exec sleep 300", 500, 4096, true, false));
		CommandResult result = next(CommandResult.class, "tail");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(result.exitCode()).isEqualTo(-1);
		assertThat(result.error()).isNull();
		assertThat(result.stdout()).isEqualTo("tick\n");
		assertThat(this.brain.received).noneMatch(CommandOutput.class::isInstance);
	}

	@Test
	void streamedOutputArrivesInOrderedChunksBeforeTheResult() throws Exception {
		connectedTentacle();
		String script = "for i in 1 2 3 4 5; do echo line$i; sleep 0.3; done; echo err >&2";
		this.brain.send(new RunCommand("live", CommandMode.SHELL, script, 10_000, 4096, false, true));
		List<CommandOutput> stdout = new ArrayList<>();
		List<CommandOutput> stderr = new ArrayList<>();
		CommandResult result = null;
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (result == null && System.nanoTime() < deadline) {
			AgentMessage message = this.brain.received.poll(100, TimeUnit.MILLISECONDS);
			if (message instanceof CommandOutput chunk && chunk.commandId().equals("live")) {
				(chunk.stream().equals("stdout") ? stdout : stderr).add(chunk);
			}
			else if (message instanceof CommandResult done && done.commandId().equals("live")) {
				result = done;
			}
		}
		assertThat(result).isNotNull();
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(stdout).hasSizeGreaterThanOrEqualTo(2);
		assertThat(stdout).extracting(CommandOutput::seq)
			.containsExactlyElementsOf(LongStream.range(0, stdout.size()).boxed().toList());
		assertThat(String.join("", stdout.stream().map(CommandOutput::data).toList()))
			.isEqualTo("line1\nline2\nline3\nline4\nline5\n")
			.isEqualTo(result.stdout());
		assertThat(stderr).extracting(CommandOutput::data).containsExactly("err\n");
	}

	private RunCommand shell(String id, String command) {
		return new RunCommand(id, CommandMode.SHELL, command, 60_000, 4096);
	}

	private Tentacle connectedTentacle() throws InterruptedException {
		PemPair node = fixtures.node("pi1");
		TentacleConfig config = TentacleConfig
			.of(new BrainAddress("127.0.0.1", this.brain.port()), node.certificate(), node.privateKey(),
					fixtures.caCert(), this.workspace)
			.withTimings(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2));
		Tentacle tentacle = new Tentacle(config, Clock.systemUTC());
		this.closeables.add(tentacle);
		tentacle.start();
		assertThat(tentacle.awaitConnected(WAIT)).isTrue();
		return tentacle;
	}

	/** A tentacle in its own JVM, so the test can kill -9 it. */
	private Process tentacleProcess() throws IOException {
		PemPair node = fixtures.node("pi1");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				"io.octoplane.tentacle.TentacleMain", "--brain", "127.0.0.1:" + this.brain.port(), "--cert",
				node.certificate().toString(), "--key", node.privateKey().toString(), "--ca",
				fixtures.caCert().toString(), "--workspace", this.workspace.toString())
			.directory(this.scratch.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.scratch.resolve("tentacle.log").toFile())
			.start();
	}

	private <T extends AgentMessage> T next(Class<T> type, String commandId) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			AgentMessage message = this.brain.received.poll(100, TimeUnit.MILLISECONDS);
			if (type.isInstance(message) && (commandId == null || commandId.equals(idOf(message)))) {
				return type.cast(message);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " for " + commandId + " within " + WAIT);
	}

	private AgentMessage nextExceptHeartbeat() throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			AgentMessage message = this.brain.received.poll(100, TimeUnit.MILLISECONDS);
			if (message != null && !(message instanceof Heartbeat)) {
				return message;
			}
		}
		throw new AssertionError("no frame but heartbeats within " + WAIT);
	}

	private static String idOf(AgentMessage message) {
		return switch (message) {
			case CommandResult result -> result.commandId();
			case CommandStarted started -> started.commandId();
			case CommandOutput output -> output.commandId();
			case Hello hello -> null;
			case Heartbeat heartbeat -> null;
			case RenewCertificate renew -> null;
			case DataOpen open -> null;
			case TunnelAttach attach -> null;
			case Facts facts -> null;
			case RelayOpen relay -> null;
		};
	}

	private long runs() throws IOException {
		return Files.readAllLines(this.workspace.resolve("runs.log")).size();
	}

	private Path journalEntry(String commandId) throws Exception {
		return this.workspace.resolve(".octoplane/journal").resolve(Sha256.of(commandId) + ".json");
	}

}
