package io.octoplane.bench.sim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.IssuedCertificate;
import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.CommandStarted;
import io.octoplane.protocol.agent.Facts;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.HeartbeatAck;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.agent.ResultAck;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.retry.Backoff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated tentacle against a scripted brain on a real mTLS socket: the frames it
 * sends, in order, and what it does across a reconnect.
 */
class SimulatedTentacleTests {

	private final FleetTls tls = FleetTls.create();

	private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

	private final List<Facts> facts = new CopyOnWriteArrayList<>();

	private SSLServerSocket server;

	private SimulatedTentacle tentacle;

	@BeforeEach
	void listen() throws Exception {
		IssuedCertificate brain = this.tls.issue(CertificateRole.BRAIN, "brain", "127.0.0.1");
		KeyStore keys = KeyStore.getInstance("PKCS12");
		keys.load(null, null);
		keys.setKeyEntry("brain", brain.privateKey(), "pw".toCharArray(),
				new X509Certificate[] { brain.certificate() });
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, "pw".toCharArray());
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("ca", this.tls.ca().certificate());
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
		this.server = (SSLServerSocket) context.getServerSocketFactory()
			.createServerSocket(0, 10, InetAddress.getLoopbackAddress());
		this.server.setNeedClientAuth(true);
		this.server.setSoTimeout(10_000);
	}

	@AfterEach
	void close() throws Exception {
		if (this.tentacle != null) {
			this.tentacle.close();
		}
		this.server.close();
	}

	@Test
	void helloHeartbeatAndCommandThenResultResentAfterReconnectButNeverRunTwice() throws Exception {
		start(SimulatedExecutor.NOOP);
		RunCommand run = new RunCommand("c1", CommandMode.SHELL, "true", 10_000, 1024);
		try (SSLSocket link = accept()) {
			assertThat(CertificateRoleName.of(link)).isEqualTo("node-1");
			assertThat(read(link)).isInstanceOf(Hello.class);
			this.codec.write(link.getOutputStream(), new Welcome("node-1", 100, "brain", "test"));
			Heartbeat heartbeat = (Heartbeat) read(link);
			this.codec.write(link.getOutputStream(), new HeartbeatAck(heartbeat.seq(), heartbeat.sentAtMillis(),
					System.currentTimeMillis(), System.currentTimeMillis(), 100));
			this.codec.write(link.getOutputStream(), run);
			assertThat(readSkippingHeartbeats(link)).isInstanceOf(CommandStarted.class);
			CommandResult result = (CommandResult) readSkippingHeartbeats(link);
			assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
			assertThat(result.exitCode()).isZero();
			// Closed without a ResultAck: the result must come again.
			closeQuickly(link);
		}
		try (SSLSocket link = accept()) {
			assertThat(read(link)).isInstanceOf(Hello.class);
			this.codec.write(link.getOutputStream(), new Welcome("node-1", 100, "brain", "test"));
			assertThat(readSkippingHeartbeats(link)).isInstanceOf(CommandResult.class);
			this.codec.write(link.getOutputStream(), run);
			// Redelivered after it finished: the result again, no second start.
			assertThat(readSkippingHeartbeats(link)).isInstanceOf(CommandResult.class);
			this.codec.write(link.getOutputStream(), new ResultAck("c1"));
			assertThat(readSkippingHeartbeats(link)).isInstanceOf(Heartbeat.class);
			closeQuickly(link);
		}
		assertThat(this.tentacle.commandsRun()).isEqualTo(1);
		assertThat(this.tentacle.unacknowledgedResults()).isZero();
		assertThat(this.tentacle.welcomes()).isEqualTo(2);
		assertThat(this.facts).hasSize(2)
			.allSatisfy((facts) -> assertThat(facts.labels()).containsKeys("site", "role", "rack"));
	}

	@Test
	void execExecutorReportsExitStatusAndOutput() throws Exception {
		start(SimulatedExecutor.EXEC);
		try (SSLSocket link = accept()) {
			read(link);
			this.codec.write(link.getOutputStream(), new Welcome("node-1", 60_000, "brain", "test"));
			this.codec.write(link.getOutputStream(),
					new RunCommand("c2", CommandMode.SHELL, "echo out; echo err >&2; exit 3", 10_000, 1024));
			assertThat(read(link)).isInstanceOf(CommandStarted.class);
			CommandResult result = (CommandResult) read(link);
			assertThat(result.outcome()).isEqualTo(CommandOutcome.FAILED);
			assertThat(result.exitCode()).isEqualTo(3);
			assertThat(result.stdout()).isEqualTo("out\n");
			assertThat(result.stderr()).isEqualTo("err\n");
			closeQuickly(link);
		}
	}

	private void start(SimulatedExecutor executor) {
		this.tentacle = new SimulatedTentacle("node-1", this.tls.clientContext(CertificateRole.NODE, "node-1"),
				new InetSocketAddress(InetAddress.getLoopbackAddress(), this.server.getLocalPort()), executor,
				new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), new SplittableRandom(1)), new Semaphore(1))
			.start();
	}

	private SSLSocket accept() throws Exception {
		SSLSocket socket = (SSLSocket) this.server.accept();
		socket.setSoTimeout(10_000);
		socket.startHandshake();
		return socket;
	}

	private static void closeQuickly(SSLSocket link) throws Exception {
		// SSLSocket.close() waits up to SO_TIMEOUT for the peer's close_notify.
		link.setSoTimeout(100);
		link.close();
	}

	private AgentMessage read(SSLSocket link) throws Exception {
		AgentMessage message = this.codec.read(link.getInputStream(), AgentMessage.class);
		// Sent after every Welcome, as a tentacle does; the checks look past them.
		for (int i = 0; i < 10 && message instanceof Facts facts; i++) {
			this.facts.add(facts);
			message = this.codec.read(link.getInputStream(), AgentMessage.class);
		}
		return message;
	}

	private AgentMessage readSkippingHeartbeats(SSLSocket link) throws Exception {
		AgentMessage message = read(link);
		for (int i = 0; i < 100 && message instanceof Heartbeat heartbeat; i++) {
			this.codec.write(link.getOutputStream(), new HeartbeatAck(heartbeat.seq(), heartbeat.sentAtMillis(),
					System.currentTimeMillis(), System.currentTimeMillis(), 100));
			message = read(link);
		}
		return message;
	}

	/** The CN the peer's certificate carries, which is all a brain trusts. */
	private static final class CertificateRoleName {

		static String of(SSLSocket link) throws Exception {
			X509Certificate peer = (X509Certificate) link.getSession().getPeerCertificates()[0];
			assertThat(CertificateRole.of(peer)).contains(CertificateRole.NODE);
			return CertificateRole.commonName(peer);
		}

	}

}
