package io.octoplane.brain.agent;

import java.io.IOException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.node.NodeRecord;
import io.octoplane.brain.node.NodeRepository;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.Goodbye;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.HeartbeatAck;
import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The agent port against real TLS clients: who is let in, under which name, and that the
 * brain keeps serving good nodes after bad ones knocked.
 */
class AgentEndpointIT extends BrainIntegrationTest {

	@Autowired
	AgentServer server;

	@Autowired
	NodeRepository nodes;

	@Autowired
	AgentSessions sessions;

	@Test
	void handshakeThatNeverCompletesIsCutAtTheDeadline() throws Exception {
		try (java.net.Socket idle = new java.net.Socket("127.0.0.1", this.server.port())) {
			idle.setSoTimeout(15_000);
			long started = System.nanoTime();
			// No ClientHello ever: the brain must hang
			// up by itself (perhaps after a TLS alert).
			byte[] buffer = new byte[256];
			while (idle.getInputStream().read(buffer) >= 0) {
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(14));
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(14));
		}
		catch (java.net.SocketException ex) {
			// A reset is as good as an end of stream here: the brain closed the socket.
		}
		assertGoodNodeStillConnects("after-idle");
	}

	@Test
	void nodeIsNamedByItsCertificateNotByWhatItSays() throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(context(certs.node("pi1")), this.server.port())) {
			client.send(RawAgentClient.hello("pi2"));
			BrainMessage welcome = client.receive();
			assertThat(welcome).isInstanceOf(Welcome.class);
			assertThat(((Welcome) welcome).nodeName()).isEqualTo("pi1");
			assertThat(this.nodes.find("pi1")).hasValueSatisfying((node) -> {
				assertThat(node.connected()).isTrue();
				assertThat(node.addr()).startsWith("127.0.0.1:");
			});
		}
	}

	@Test
	void heartbeatIsAnsweredAndStatusStored() throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(context(certs.node("hb1")), this.server.port())) {
			client.send(RawAgentClient.hello("hb1"));
			client.receive();
			NodeStatus status = new NodeStatus(4, 0.5, 0.4, 0.3, 1000, 4000, 10, 100, 3600, System.currentTimeMillis());
			client.send(new Heartbeat(1, 1234, status, 850, -3));
			BrainMessage ack = client.receive();
			assertThat(ack).isInstanceOfSatisfying(HeartbeatAck.class, (value) -> {
				assertThat(value.seq()).isEqualTo(1);
				assertThat(value.tentacleSentAtMillis()).isEqualTo(1234);
				assertThat(value.brainSentAtMillis()).isGreaterThanOrEqualTo(value.brainReceivedAtMillis());
				assertThat(value.heartbeatIntervalMillis()).isEqualTo(1000);
			});
			// Heartbeats are written in batches, within a fraction of the interval.
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				NodeRecord node = this.nodes.find("hb1").orElseThrow();
				assertThat(node.status()).isEqualTo(status);
				assertThat(node.rttMicros()).isEqualTo(850);
				assertThat(node.clockOffsetMillis()).isEqualTo(-3);
			});
		}
	}

	@Test
	void closedConnectionMarksNodeDisconnected() throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(context(certs.node("gone1")), this.server.port())) {
			client.send(RawAgentClient.hello("gone1"));
			client.receive();
		}
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.nodes.find("gone1").orElseThrow().connected()).isFalse());
		assertThat(this.sessions.find("gone1")).isEmpty();
	}

	@Test
	void silentNodeIsDroppedAfterOfflineThreshold() throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(context(certs.node("mute1")), this.server.port())) {
			client.send(RawAgentClient.hello("mute1"));
			client.receive();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.nodes.find("mute1").orElseThrow().connected()).isFalse());
		}
	}

	@Test
	void clientWithoutCertificateIsRefused() throws Exception {
		SSLContext trustOnly = PemTls.trustOnly(certs.caCert());
		assertRefusedAtHandshake(trustOnly);
		assertGoodNodeStillConnects("after-nocert");
	}

	@Test
	void certificateFromAnotherCaIsRefused() throws Exception {
		PemPair foreign = certs.foreignNode("intruder");
		assertRefusedAtHandshake(PemTls.clientContext(foreign.certificate(), foreign.privateKey(), certs.caCert()));
		assertGoodNodeStillConnects("after-foreign");
	}

	@Test
	void expiredCertificateIsRefused() throws Exception {
		PemPair expired = certs.expiredNode("old1");
		assertRefusedAtHandshake(PemTls.clientContext(expired.certificate(), expired.privateKey(), certs.caCert()));
		assertThat(this.nodes.find("old1")).isEmpty();
		assertGoodNodeStillConnects("after-expired");
	}

	@Test
	void operatorCertificateCannotActAsNode() throws Exception {
		assertRefusedByRole(certs.operator("alice"), "alice");
	}

	@Test
	void serverCertificateCannotActAsNode() throws Exception {
		assertRefusedByRole(certs.brain(), "brain");
	}

	@Test
	void certificateWithoutRoleCannotActAsNode() throws Exception {
		assertRefusedByRole(certs.nodeWithoutRole("norole1"), "norole1");
	}

	@Test
	void garbageInsteadOfHelloClosesTheConnection() throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(context(certs.node("junk1")), this.server.port())) {
			client.sendRaw(new byte[] { 0, 0, 0, 5, 1, 'n', 'o', 'p', 'e' });
			BrainMessage answer = client.receive();
			assertThat(answer).isInstanceOfSatisfying(Goodbye.class,
					(goodbye) -> assertThat(goodbye.reason()).contains("malformed"));
		}
		assertThat(this.nodes.find("junk1")).isEmpty();
		assertGoodNodeStillConnects("after-junk");
	}

	@Test
	void oversizedFrameClosesTheConnection() throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(context(certs.node("big1")), this.server.port())) {
			client.sendRaw(new byte[] { 0x7f, 0, 0, 0, 1 });
			BrainMessage answer = client.receive();
			assertThat(answer).isInstanceOfSatisfying(Goodbye.class,
					(goodbye) -> assertThat(goodbye.reason()).contains("exceeds the limit"));
		}
		assertGoodNodeStillConnects("after-big");
	}

	private void assertRefusedByRole(PemPair pair, String name) throws Exception {
		SSLContext context = PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert());
		try (RawAgentClient client = RawAgentClient.connect(context, this.server.port())) {
			// The brain speaks first here: writing a Hello to a socket it already closed
			// could turn its Goodbye into a connection reset.
			BrainMessage answer = client.receive();
			assertThat(answer).isInstanceOfSatisfying(Goodbye.class, (goodbye) -> {
				assertThat(goodbye.reason()).contains("only node certificates");
				assertThat(goodbye.retry()).isFalse();
			});
		}
		assertThat(this.nodes.find(name)).isEmpty();
		assertGoodNodeStillConnects("after-role-" + name);
	}

	private void assertRefusedAtHandshake(SSLContext context) {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
			try (RawAgentClient client = RawAgentClient.connect(context, this.server.port())) {
				// TLS 1.3 reports a refused client certificate
				// on the first read, not in the handshake call.
				client.send(RawAgentClient.hello("x"));
				client.receive();
			}
		}).isInstanceOfAny(SSLException.class, java.net.SocketException.class, java.io.EOFException.class);
	}

	private void assertGoodNodeStillConnects(String name) throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(context(certs.node(name)), this.server.port())) {
			client.send(RawAgentClient.hello(name));
			assertThat(client.receive()).isInstanceOf(Welcome.class);
		}
	}

	private static SSLContext context(PemPair pair) throws Exception {
		return PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert());
	}

}
