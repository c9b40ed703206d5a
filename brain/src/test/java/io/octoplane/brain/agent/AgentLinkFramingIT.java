package io.octoplane.brain.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.Capabilities;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.HeartbeatAck;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the brain reads and answers a control connection's frames over real TLS: frames cut
 * into several TLS records and records cut into many TCP segments read whole, many
 * records in one segment all read; heartbeats of a tentacle that announced sparse
 * acknowledgements answered by their rule, of one that did not, every one.
 */
class AgentLinkFramingIT extends BrainIntegrationTest {

	private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

	@Autowired
	AgentServer server;

	@Test
	void frameCutIntoRecordsAndRecordsCutIntoSegmentsIsReadWhole() throws Exception {
		try (Socket tcp = new TricklingSocket()) {
			tcp.connect(new InetSocketAddress("127.0.0.1", this.server.port()));
			tcp.setTcpNoDelay(true);
			SSLSocket tls = (SSLSocket) context("trickle1").getSocketFactory()
				.createSocket(tcp, "127.0.0.1", this.server.port(), true);
			tls.setSoTimeout(10_000);
			tls.startHandshake();
			byte[] hello = this.codec.encode(new Hello("test", "trickle1", "Linux", "amd64", 1L));
			writeInRecords(tls.getOutputStream(), hello, 7);
			assertThat(this.codec.read(tls.getInputStream(), BrainMessage.class)).isInstanceOf(Welcome.class);
			byte[] heartbeat = this.codec.encode(new Heartbeat(0, 1234, null, -1, 0));
			writeInRecords(tls.getOutputStream(), heartbeat, 5);
			assertThat(this.codec.read(tls.getInputStream(), BrainMessage.class)).isInstanceOfSatisfying(
					HeartbeatAck.class, (ack) -> assertThat(ack.tentacleSentAtMillis()).isEqualTo(1234));
			tls.setSoTimeout(200);
			tls.close();
		}
	}

	@Test
	void oldStyleTentacleGetsAnAnswerToEveryHeartbeat() throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(context("everyack1"), this.server.port())) {
			client.send(RawAgentClient.hello("everyack1"));
			assertThat(client.receive()).isInstanceOf(Welcome.class);
			// Ten records, most in one segment: the brain reads several per system call.
			client.sendRaw(heartbeats(10));
			List<Long> answered = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				answered.add(((HeartbeatAck) client.receive()).seq());
			}
			assertThat(answered).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
		}
	}

	@Test
	void sparseTentacleGetsTheFirstAnswersThenNeverTwoMissingInARow() throws Exception {
		try (RawAgentClient client = RawAgentClient.connect(context("sparse1"), this.server.port())) {
			client.send(new Hello("test", "sparse1", "Linux", "amd64", System.currentTimeMillis(),
					Set.of(Capabilities.SPARSE_HEARTBEAT_ACKS), 0));
			Welcome welcome = (Welcome) client.receive();
			assertThat(welcome.capabilities()).contains(Capabilities.SPARSE_HEARTBEAT_ACKS);
			client.sendRaw(heartbeats(10));
			Set<Long> answered = new TreeSet<>();
			// Of heartbeats 8 and 9 at least one is answered, and it is the last answer.
			while (answered.isEmpty() || ((TreeSet<Long>) answered).last() < 8) {
				answered.add(((HeartbeatAck) client.receive()).seq());
			}
			assertThat(answered).contains(0L, 1L, 2L).hasSizeLessThan(9);
			for (long seq = 0; seq < 8; seq++) {
				assertThat(answered.contains(seq) || answered.contains(seq + 1))
					.as("heartbeat %d or %d answered", seq, seq + 1)
					.isTrue();
			}
		}
	}

	private byte[] heartbeats(int count) throws Exception {
		ByteArrayOutputStream frames = new ByteArrayOutputStream();
		for (int seq = 0; seq < count; seq++) {
			frames.write(this.codec.encode(new Heartbeat(seq, 1000 + seq, null, -1, 0)));
		}
		return frames.toByteArray();
	}

	private static void writeInRecords(OutputStream out, byte[] frame, int pieces) throws Exception {
		int size = (frame.length + pieces - 1) / pieces;
		for (int from = 0; from < frame.length; from += size) {
			// One write on a TLS socket is one record.
			out.write(frame, from, Math.min(size, frame.length - from));
			out.flush();
		}
	}

	/**
	 * Sends every TLS record in pieces of three bytes, one write and so one segment each.
	 */
	private static final class TricklingSocket extends Socket {

		@Override
		public OutputStream getOutputStream() throws IOException {
			OutputStream raw = super.getOutputStream();
			return new OutputStream() {

				@Override
				public void write(int value) throws IOException {
					raw.write(value);
				}

				@Override
				public void write(byte[] bytes, int offset, int length) throws IOException {
					for (int from = 0; from < length; from += 3) {
						raw.write(bytes, offset + from, Math.min(3, length - from));
						raw.flush();
					}
				}

			};
		}

	}

	private static SSLContext context(String node) throws Exception {
		PemPair pair = certs.node(node);
		return PemTls.clientContext(pair.certificate(), pair.privateKey(), certs.caCert());
	}

}
