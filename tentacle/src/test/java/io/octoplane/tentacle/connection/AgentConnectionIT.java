package io.octoplane.tentacle.connection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.Goodbye;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.TentacleState;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.testsupport.certs.CertFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AgentConnectionIT {

	private static final long INTERVAL_MILLIS = 200;

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	static Path certs;

	private static CertFixtures fixtures;

	@TempDir
	Path workspace;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@BeforeAll
	static void mintCertificates() {
		fixtures = CertFixtures.create(certs);
	}

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables.reversed()) {
			closeable.close();
		}
	}

	private FakeBrain brain(CertFixtures serverFixtures) throws Exception {
		PemPair server = serverFixtures.brain();
		FakeBrain brain = new FakeBrain(
				PemTls.serverContext(server.certificate(), server.privateKey(), fixtures.caCert()), INTERVAL_MILLIS);
		this.closeables.add(brain);
		return brain;
	}

	private Tentacle tentacle(FakeBrain brain) {
		PemPair node = fixtures.node("pi1");
		TentacleConfig config = TentacleConfig
			.of(new BrainAddress("127.0.0.1", brain.port()), node.certificate(), node.privateKey(), fixtures.caCert(),
					this.workspace)
			.withTimings(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2));
		Tentacle tentacle = new Tentacle(config, Clock.systemUTC());
		this.closeables.add(tentacle);
		tentacle.start();
		return tentacle;
	}

	private static <T extends AgentMessage> T next(FakeBrain brain, Class<T> type) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			AgentMessage message = brain.received.poll(100, TimeUnit.MILLISECONDS);
			if (type.isInstance(message)) {
				return type.cast(message);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT);
	}

	@Test
	void sendsHelloThenHeartbeatsWithStatusAndRoundTrip() throws Exception {
		FakeBrain brain = brain(fixtures);
		Tentacle tentacle = tentacle(brain);
		assertThat(tentacle.awaitConnected(WAIT)).isTrue();
		assertThat(tentacle.nodeName()).isEqualTo("pi1");
		Hello hello = next(brain, Hello.class);
		assertThat(hello.agentVersion()).isNotBlank();
		assertThat(hello.arch()).isEqualTo(System.getProperty("os.arch"));
		Heartbeat first = next(brain, Heartbeat.class);
		assertThat(first.rttMicros()).isEqualTo(-1);
		assertThat(first.status()).isNotNull();
		assertThat(first.status().cpuCores()).isPositive();
		Heartbeat second = next(brain, Heartbeat.class);
		assertThat(second.seq()).isEqualTo(first.seq() + 1);
		assertThat(second.rttMicros()).isBetween(0L, 5_000_000L);
		assertThat(Math.abs(second.clockOffsetMillis())).isLessThan(1000);
	}

	@Test
	void runsCommandsWithoutHoldingUpHeartbeats() throws Exception {
		FakeBrain brain = brain(fixtures);
		Tentacle tentacle = tentacle(brain);
		assertThat(tentacle.awaitConnected(WAIT)).isTrue();
		brain.send(new RunCommand("slow", CommandMode.SHELL, "sleep 1; echo slow", 10_000, 4096));
		brain.send(new RunCommand("fast", CommandMode.SHELL, "echo hi from $(basename $PWD)", 10_000, 4096));
		CommandResult fast = next(brain, CommandResult.class);
		assertThat(fast.commandId()).isEqualTo("fast");
		assertThat(fast.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(fast.stdout()).isEqualTo("hi from " + this.workspace.getFileName() + "\n");
		long heartbeatsWhileSlowRuns = 0;
		CommandResult slow = null;
		while (slow == null) {
			AgentMessage message = brain.received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(message).isNotNull();
			if (message instanceof Heartbeat) {
				heartbeatsWhileSlowRuns++;
			}
			else if (message instanceof CommandResult result) {
				slow = result;
			}
		}
		assertThat(slow.stdout()).isEqualTo("slow\n");
		assertThat(heartbeatsWhileSlowRuns).isGreaterThanOrEqualTo(2);
	}

	@Test
	void redialsAfterTheBrainDropsTheConnection() throws Exception {
		FakeBrain brain = brain(fixtures);
		Tentacle tentacle = tentacle(brain);
		assertThat(tentacle.awaitConnected(WAIT)).isTrue();
		brain.dropConnection();
		await().atMost(WAIT).until(() -> brain.handshakes.get() == 2 && tentacle.state() == TentacleState.CONNECTED);
		next(brain, Heartbeat.class);
	}

	@Test
	void redialsWhenTheBrainFallsSilent() throws Exception {
		FakeBrain brain = brain(fixtures);
		Tentacle tentacle = tentacle(brain);
		assertThat(tentacle.awaitConnected(WAIT)).isTrue();
		brain.ackHeartbeats = false;
		await().atMost(WAIT).until(() -> brain.handshakes.get() >= 2);
	}

	@Test
	void retriesAfterGoodbyeThatAllowsIt() throws Exception {
		FakeBrain brain = brain(fixtures);
		Tentacle tentacle = tentacle(brain);
		assertThat(tentacle.awaitConnected(WAIT)).isTrue();
		brain.send(new Goodbye("brain restarting", true));
		await().atMost(WAIT).until(() -> brain.handshakes.get() >= 2 && tentacle.state() == TentacleState.CONNECTED);
	}

	@Test
	void stopsForGoodWhenTheBrainRefuses() throws Exception {
		FakeBrain brain = brain(fixtures);
		brain.refuseWith = new Goodbye("node pi1 is revoked", false);
		Tentacle tentacle = tentacle(brain);
		assertThat(tentacle.awaitState(TentacleState.STOPPED, WAIT)).isTrue();
		assertThat(brain.handshakes.get()).isOne();
		assertThat(tentacle.nodeName()).isNull();
	}

	@Test
	void refusesABrainWhoseCertificateComesFromAnotherCa() throws Exception {
		Path otherDir = Files.createDirectory(this.workspace.resolve("other-ca"));
		FakeBrain impostor = brain(CertFixtures.create(otherDir));
		Tentacle tentacle = tentacle(impostor);
		await().atMost(WAIT).until(() -> tentacle.state() == TentacleState.BACKING_OFF);
		assertThat(tentacle.awaitConnected(Duration.ofMillis(500))).isFalse();
		assertThat(impostor.handshakes.get()).isZero();
		assertThat(impostor.received).isEmpty();
	}

	@Test
	void closeStopsPromptly() throws Exception {
		FakeBrain brain = brain(fixtures);
		Tentacle tentacle = tentacle(brain);
		assertThat(tentacle.awaitConnected(WAIT)).isTrue();
		brain.send(new RunCommand("long", CommandMode.SHELL, "sleep 300", 600_000, 4096));
		next(brain, Heartbeat.class);
		long started = System.nanoTime();
		tentacle.close();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(tentacle.state()).isEqualTo(TentacleState.STOPPED);
	}

}
