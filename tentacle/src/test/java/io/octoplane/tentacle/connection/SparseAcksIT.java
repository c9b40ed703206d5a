package io.octoplane.tentacle.connection;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.CancelCommand;
import io.octoplane.protocol.agent.Capabilities;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.agent.ResultAck;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.testsupport.certs.CertFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A control connection to a brain that answers heartbeats sparsely: it stays up on the
 * fewest answers the contract allows, reports the last round trip measured, and calls the
 * link dead only after four silent intervals; to a brain that does not announce sparse
 * answers, after three as before.
 */
class SparseAcksIT {

	private static final long INTERVAL_MILLIS = 100;

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	static Path certs;

	private static CertFixtures fixtures;

	private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

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

	@Test
	void linkStaysUpOverTwentyHeartbeatsAnsweredEverySecondTime() throws Exception {
		FakeBrain brain = brain();
		brain.sparseAcks = true;
		AgentConnection connection = open(brain);
		CompletableFuture<Void> running = run(connection);
		List<Heartbeat> heartbeats = new ArrayList<>();
		while (heartbeats.size() < 21) {
			AgentMessage message = brain.received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(message).as("a heartbeat within " + WAIT).isNotNull();
			if (message instanceof Heartbeat heartbeat) {
				heartbeats.add(heartbeat);
			}
		}
		assertThat(running).isNotDone();
		assertThat(brain.handshakes.get()).isOne();
		// An unanswered heartbeat changes nothing: the one after it reports what the one
		// before it reported, from the last answered exchange.
		assertThat(heartbeats.get(0).rttMicros()).isEqualTo(-1);
		for (int seq = 2; seq < 20; seq += 2) {
			assertThat(heartbeats.get(seq + 1).rttMicros()).isEqualTo(heartbeats.get(seq).rttMicros());
			assertThat(heartbeats.get(seq + 1).clockOffsetMillis()).isEqualTo(heartbeats.get(seq).clockOffsetMillis());
		}
		assertThat(heartbeats).anySatisfy((heartbeat) -> assertThat(heartbeat.rttMicros()).isNotNegative());
		connection.close();
	}

	@Test
	void silentSparseBrainIsDeadAfterFourIntervals() throws Exception {
		FakeBrain brain = brain();
		brain.sparseAcks = true;
		brain.ackHeartbeats = false;
		CompletableFuture<Void> running = run(open(brain));
		assertThat(running).failsWithin(WAIT)
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(LinkDeadException.class)
			.withMessageContaining("(4 heartbeat intervals)");
	}

	@Test
	void silentBrainWithoutSparseAcksIsDeadAfterThreeIntervals() throws Exception {
		FakeBrain brain = brain();
		brain.ackHeartbeats = false;
		CompletableFuture<Void> running = run(open(brain));
		assertThat(running).failsWithin(WAIT)
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(LinkDeadException.class)
			.withMessageContaining("(3 heartbeat intervals)");
	}

	@Test
	void tentacleThatDidNotAnnounceSparseAcksKeepsThreeIntervals() throws Exception {
		FakeBrain brain = brain();
		brain.sparseAcks = true;
		brain.ackHeartbeats = false;
		PemPair node = fixtures.node("pi1");
		BrainDialer dialer = new BrainDialer(
				PemTls.clientContext(node.certificate(), node.privateKey(), fixtures.caCert()),
				new BrainAddress("127.0.0.1", brain.port()), Duration.ofSeconds(5));
		AgentConnection connection = AgentConnection.open(dialer, this.codec,
				new Hello("test", "pi1", "Linux", "amd64", System.currentTimeMillis()), Clock.systemUTC());
		this.closeables.add(connection);
		assertThatExceptionOfType(LinkDeadException.class).isThrownBy(() -> connection.run(() -> null, commands()))
			.withMessageContaining("(3 heartbeat intervals)");
	}

	private FakeBrain brain() throws Exception {
		PemPair server = fixtures.brain();
		FakeBrain brain = new FakeBrain(
				PemTls.serverContext(server.certificate(), server.privateKey(), fixtures.caCert()), INTERVAL_MILLIS);
		this.closeables.add(brain);
		return brain;
	}

	private AgentConnection open(FakeBrain brain) throws Exception {
		PemPair node = fixtures.node("pi1");
		BrainDialer dialer = new BrainDialer(
				PemTls.clientContext(node.certificate(), node.privateKey(), fixtures.caCert()),
				new BrainAddress("127.0.0.1", brain.port()), Duration.ofSeconds(5));
		AgentConnection connection = AgentConnection.open(dialer, this.codec, new Hello("test", "pi1", "Linux", "amd64",
				System.currentTimeMillis(), Set.of(Capabilities.SPARSE_HEARTBEAT_ACKS), 0), Clock.systemUTC());
		this.closeables.add(connection);
		return connection;
	}

	private CompletableFuture<Void> run(AgentConnection connection) {
		CompletableFuture<Void> running = new CompletableFuture<>();
		Thread.ofVirtual().start(() -> {
			try {
				connection.run(() -> null, commands());
				running.complete(null);
			}
			catch (Exception ex) {
				running.completeExceptionally(ex);
			}
		});
		return running;
	}

	private static CommandListener commands() {
		return new CommandListener() {

			@Override
			public void run(RunCommand command) {
			}

			@Override
			public void cancel(CancelCommand cancel) {
			}

			@Override
			public void acknowledged(ResultAck ack) {
			}

		};
	}

}
