package io.octoplane.brain.agent;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.micrometer.core.instrument.MeterRegistry;
import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The handshake admission limit with one turn and a queue of one: a connection that never
 * says a word gives its turn back at the deadline, and a connection beyond the queue is
 * reset at once.
 */
@TestPropertySource(
		properties = { "octoplane.agent.handshake-timeout=5s", "octoplane.agent.max-concurrent-handshakes=1",
				"octoplane.agent.max-queued-handshakes=1", "octoplane.agent.handshake-queue-wait=20s" })
class HandshakeAdmissionIT extends BrainIntegrationTest {

	@Autowired
	AgentServer server;

	@Autowired
	MeterRegistry registry;

	private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

	@BeforeEach
	void noHandshakeInFlight() {
		await().atMost(Duration.ofSeconds(10)).until(() -> gauge("octoplane.agent.handshakes.running") == 0);
	}

	@Test
	void handshakeThatNeverCompletesGivesItsTurnBackAtTheDeadline() throws Exception {
		try (Socket idle = new Socket("127.0.0.1", this.server.port())) {
			await().atMost(Duration.ofSeconds(5)).until(() -> gauge("octoplane.agent.handshakes.running") == 1);
			// Queued behind the idle connection until its deadline cuts it.
			SSLContext context = PemTls.clientContext(certs.node("queued1").certificate(),
					certs.node("queued1").privateKey(), certs.caCert());
			try (SSLSocket queued = (SSLSocket) context.getSocketFactory()
				.createSocket("127.0.0.1", this.server.port())) {
				queued.setSoTimeout(30_000);
				queued.startHandshake();
				this.codec.write(queued.getOutputStream(), RawAgentClient.hello("queued1"));
				assertThat(this.codec.read(queued.getInputStream(), BrainMessage.class)).isInstanceOf(Welcome.class);
			}
		}
	}

	@Test
	void connectionBeyondTheQueueIsResetAtOnce() throws Exception {
		double before = refusals("handshake-queue");
		try (Socket holding = new Socket("127.0.0.1", this.server.port())) {
			await().atMost(Duration.ofSeconds(5)).until(() -> gauge("octoplane.agent.handshakes.running") == 1);
			try (Socket waiting = new Socket("127.0.0.1", this.server.port())) {
				await().atMost(Duration.ofSeconds(5)).until(() -> gauge("octoplane.agent.handshakes.waiting") == 1);
				try (Socket refused = new Socket("127.0.0.1", this.server.port())) {
					refused.setSoTimeout(10_000);
					assertThat(endsWithoutAWord(refused)).isTrue();
				}
				assertThat(refusals("handshake-queue")).isEqualTo(before + 1);
			}
		}
	}

	private static boolean endsWithoutAWord(Socket socket) throws IOException {
		try {
			return socket.getInputStream().read() < 0;
		}
		catch (SocketException ex) {
			// A reset: refused without a TLS alert.
			return true;
		}
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

	private double refusals(String reason) {
		return this.registry.get("octoplane.refusals").tag("reason", reason).counter().count();
	}

}
