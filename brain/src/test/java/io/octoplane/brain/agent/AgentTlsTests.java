package io.octoplane.brain.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.BufferedSocket;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.certs.CertFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The agent port's TLS layered over buffered TCP sockets, with real TLS 1.3 on loopback:
 * a record that arrives in two parts with a pause between them times the read out and is
 * read whole afterwards; frames larger than the buffer and many frames at once read
 * right; a client of another CA is refused.
 */
class AgentTlsTests {

	private static final int WAIT_MILLIS = 10_000;

	@TempDir
	static Path dir;

	private static CertFixtures certs;

	private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

	private ServerSocket server;

	private SSLContext serverContext;

	@BeforeAll
	static void mintCertificates() {
		certs = CertFixtures.create(dir);
	}

	@BeforeEach
	void listen() throws Exception {
		PemPair brain = certs.brain();
		this.serverContext = PemTls.serverContext(brain.certificate(), brain.privateKey(), certs.caCert());
		this.server = BufferedSocket.serverSocket();
		this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.server.setSoTimeout(WAIT_MILLIS);
	}

	@AfterEach
	void close() throws IOException {
		this.server.close();
	}

	@Test
	void recordArrivingInTwoPartsTimesOutThenReadsWhole() throws Exception {
		GatedSocket gated = new GatedSocket();
		try (SSLSocket client = dial(gated, certs.node("split1")); SSLSocket accepted = accept(client)) {
			// The next record leaves as its header and a few bytes of its body, the rest
			// once released.
			gated.holdAfter(12);
			CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(client, hello()));
			accepted.setSoTimeout(300);
			assertThatExceptionOfType(SocketTimeoutException.class)
				.isThrownBy(() -> this.codec.read(accepted.getInputStream(), AgentMessage.class));
			gated.release();
			sending.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
			accepted.setSoTimeout(WAIT_MILLIS);
			assertThat(this.codec.read(accepted.getInputStream(), AgentMessage.class)).isEqualTo(hello());
			closingQuickly(client, accepted);
		}
	}

	@Test
	void framesLargerThanTheBufferAndManyAtOnceReadRight() throws Exception {
		try (SSLSocket client = dial(new Socket(), certs.node("bulk1")); SSLSocket accepted = accept(client)) {
			CommandResult big = new CommandResult("c1", CommandOutcome.SUCCEEDED, 0, "x".repeat(100_000), "", false, 1,
					2, null);
			send(client, big);
			for (int seq = 0; seq < 50; seq++) {
				send(client, new Heartbeat(seq, seq, null, -1, 0));
			}
			accepted.setSoTimeout(WAIT_MILLIS);
			assertThat(this.codec.read(accepted.getInputStream(), AgentMessage.class)).isEqualTo(big);
			for (int seq = 0; seq < 50; seq++) {
				assertThat(this.codec.read(accepted.getInputStream(), AgentMessage.class))
					.isEqualTo(new Heartbeat(seq, seq, null, -1, 0));
			}
			closingQuickly(client, accepted);
		}
	}

	@Test
	void clientOfAnotherCaIsRefused() throws Exception {
		PemPair foreign = certs.foreignNode("intruder");
		SSLContext context = PemTls.clientContext(foreign.certificate(), foreign.privateKey(), certs.caCert());
		Socket tcp = new Socket();
		tcp.connect(this.server.getLocalSocketAddress());
		try (SSLSocket client = (SSLSocket) context.getSocketFactory().createSocket(tcp, "localhost", 0, true)) {
			client.setSoTimeout(WAIT_MILLIS);
			CompletableFuture.runAsync(() -> {
				try {
					client.startHandshake();
					// TLS 1.3 reports a refused certificate on the client's next read.
					client.getInputStream().read();
				}
				catch (IOException ex) {
					// Refused, as the server side asserts.
				}
			});
			SSLSocket accepted = AgentTls.layer(this.serverContext, this.server.accept());
			assertThat(accepted).isNotNull();
			try (accepted) {
				accepted.setSoTimeout(WAIT_MILLIS);
				assertThatExceptionOfType(SSLException.class).isThrownBy(accepted::startHandshake);
			}
		}
	}

	private static void closingQuickly(SSLSocket... sockets) throws IOException {
		// Closing waits for the peer's close_notify up to the read timeout.
		for (SSLSocket socket : sockets) {
			socket.setSoTimeout(100);
		}
	}

	private SSLSocket dial(Socket tcp, PemPair node) throws Exception {
		tcp.connect(this.server.getLocalSocketAddress());
		tcp.setTcpNoDelay(true);
		SSLContext context = PemTls.clientContext(node.certificate(), node.privateKey(), certs.caCert());
		SSLSocket client = (SSLSocket) context.getSocketFactory().createSocket(tcp, "localhost", 0, true);
		client.setSoTimeout(WAIT_MILLIS);
		return client;
	}

	private SSLSocket accept(SSLSocket client) throws Exception {
		CompletableFuture<Void> handshake = CompletableFuture.runAsync(() -> {
			try {
				client.startHandshake();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		SSLSocket accepted = AgentTls.layer(this.serverContext, this.server.accept());
		assertThat(accepted).isNotNull();
		accepted.setSoTimeout(WAIT_MILLIS);
		accepted.startHandshake();
		handshake.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
		return accepted;
	}

	private void send(SSLSocket client, AgentMessage message) {
		try {
			this.codec.write(client.getOutputStream(), message);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Hello hello() {
		return new Hello("test", "split1", "Linux", "amd64", 42);
	}

	/** Can hold back the rest of a write after its first bytes until released. */
	private static final class GatedSocket extends Socket {

		private volatile int holdAfter = -1;

		private final CountDownLatch released = new CountDownLatch(1);

		void holdAfter(int bytes) {
			this.holdAfter = bytes;
		}

		void release() {
			this.released.countDown();
		}

		@Override
		public OutputStream getOutputStream() throws IOException {
			OutputStream raw = super.getOutputStream();
			return new OutputStream() {

				@Override
				public void write(int value) throws IOException {
					write(new byte[] { (byte) value }, 0, 1);
				}

				@Override
				public void write(byte[] bytes, int offset, int length) throws IOException {
					int first = GatedSocket.this.holdAfter;
					if (first < 0 || first >= length) {
						raw.write(bytes, offset, length);
						return;
					}
					GatedSocket.this.holdAfter = -1;
					raw.write(bytes, offset, first);
					raw.flush();
					await(GatedSocket.this.released);
					raw.write(bytes, offset + first, length - first);
				}

				@Override
				public void flush() throws IOException {
					raw.flush();
				}

			};
		}

		private static void await(CountDownLatch latch) throws IOException {
			try {
				if (!latch.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
					throw new IOException("never released");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}

	}

}
