package io.octoplane.testsupport.link;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link FaultyLink} against a small upper-casing echo server, so that every answer
 * proves the bytes went to the server and back.
 */
@Timeout(30)
class FaultyLinkTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private EchoServer server;

	private FaultyLink link;

	@BeforeEach
	void start() {
		this.server = EchoServer.start();
		this.link = FaultyLink.start(this.server.port());
	}

	@AfterEach
	void stop() {
		this.link.close();
		this.server.close();
	}

	@Test
	void forwardsBytesBothWays() throws IOException {
		try (Socket socket = connect()) {
			send(socket, "hello\n");
			assertThat(readLine(socket)).isEqualTo("HELLO");
			send(socket, "again\n");
			assertThat(readLine(socket)).isEqualTo("AGAIN");
		}
		assertThat(this.link.connectionsAccepted()).isEqualTo(1);
		// The count goes up just after the bytes are written, so it may trail the reader.
		await().atMost(WAIT).until(() -> this.link.bytesForwarded() == 24);
		assertThat(this.server.connections()).isEqualTo(1);
	}

	@Test
	void aBalancingLinkTakesItsPortsInTurnAndLeavesADroppedOneOut() throws IOException {
		try (EchoServer other = EchoServer.start();
				FaultyLink balancer = FaultyLink.balance(this.server.port(), other.port())) {
			for (int i = 0; i < 4; i++) {
				try (Socket socket = new Socket("127.0.0.1", balancer.port())) {
					send(socket, "hi\n");
					assertThat(readLine(socket)).isEqualTo("HI");
				}
			}
			assertThat(this.server.connections()).isEqualTo(2);
			assertThat(other.connections()).isEqualTo(2);
			balancer.drop(other.port());
			for (int i = 0; i < 2; i++) {
				try (Socket socket = new Socket("127.0.0.1", balancer.port())) {
					send(socket, "hi\n");
					assertThat(readLine(socket)).isEqualTo("HI");
				}
			}
			assertThat(this.server.connections()).isEqualTo(4);
			assertThat(other.connections()).isEqualTo(2);
		}
	}

	@Test
	void aBalancingLinkTakesAnAdmittedPortBackIntoItsTurn() throws IOException {
		try (EchoServer other = EchoServer.start();
				FaultyLink balancer = FaultyLink.balance(this.server.port(), other.port())) {
			balancer.drop(other.port());
			balancer.admit(other.port());
			balancer.admit(other.port());
			for (int i = 0; i < 4; i++) {
				try (Socket socket = new Socket("127.0.0.1", balancer.port())) {
					send(socket, "hi\n");
					assertThat(readLine(socket)).isEqualTo("HI");
				}
			}
			assertThat(this.server.connections()).isEqualTo(2);
			assertThat(other.connections()).isEqualTo(2);
		}
	}

	@Test
	void passesAnOrderlyCloseOnAsAHalfClose() throws IOException {
		try (Socket socket = connect()) {
			send(socket, "last words\n");
			socket.shutdownOutput();
			assertThat(readLine(socket)).isEqualTo("LAST WORDS");
			assertThat(socket.getInputStream().read()).as("end of stream after the server closed").isEqualTo(-1);
		}
		await().atMost(WAIT).until(() -> this.link.liveConnections() == 0);
	}

	@Test
	void cutResetsLiveConnectionsOnBothSides() throws IOException {
		try (Socket first = connect(); Socket second = connect()) {
			send(first, "one\n");
			assertThat(readLine(first)).isEqualTo("ONE");
			send(second, "two\n");
			assertThat(readLine(second)).isEqualTo("TWO");
			assertThat(this.link.liveConnections()).isEqualTo(2);

			this.link.cut();

			assertThat(this.link.isCut()).isTrue();
			assertThat(this.link.liveConnections()).isZero();
			assertBroken(first);
			assertBroken(second);
			await().atMost(WAIT).until(() -> this.server.resets() == 2);
		}
	}

	@Test
	void cutRefusesNewConnections() throws IOException {
		this.link.cut();
		assertTurnedAway();
		assertThat(this.link.connectionsRefused()).isEqualTo(1);
		assertThat(this.link.connectionsAccepted()).isZero();
		assertThat(this.server.connections()).as("nothing reached the server").isZero();
	}

	@Test
	void restoreLetsNewConnectionsThrough() throws IOException {
		try (Socket before = connect()) {
			send(before, "before\n");
			assertThat(readLine(before)).isEqualTo("BEFORE");
			this.link.cut();
			assertBroken(before);
		}
		this.link.restore();
		assertThat(this.link.isCut()).isFalse();
		try (Socket after = connect()) {
			send(after, "after\n");
			assertThat(readLine(after)).isEqualTo("AFTER");
		}
		assertThat(this.link.connectionsAccepted()).isEqualTo(2);
		assertThat(this.server.connections()).isEqualTo(2);
	}

	@Test
	void resetsTheClientWhenTheTargetIsDown() throws IOException {
		this.server.close();
		assertTurnedAway();
	}

	@Test
	void closeStopsListeningAndEndsEveryConnection() throws IOException {
		try (Socket socket = connect()) {
			send(socket, "bye\n");
			assertThat(readLine(socket)).isEqualTo("BYE");
			this.link.close();
			assertBroken(socket);
		}
		assertThatExceptionOfType(IOException.class).isThrownBy(this::connect);
		this.link.close();
	}

	@Test
	void shapedLinkDeliversEveryByteInOrderDespiteLoss() throws IOException {
		this.link.shape(new LinkShape(Duration.ofMillis(5), 10_000_000, 0.2, 42));
		try (Socket socket = connect()) {
			StringBuilder lines = new StringBuilder();
			for (int i = 0; i < 200; i++) {
				lines.append("line-").append(i).append('\n');
			}
			send(socket, lines.toString());
			for (int i = 0; i < 200; i++) {
				assertThat(readLine(socket)).isEqualTo("LINE-" + i);
			}
		}
		await().atMost(WAIT).until(() -> this.link.liveConnections() == 0);
	}

	@Test
	void shapedLinkPassesHalfClosesOn() throws IOException {
		this.link.shape(LinkShape.of(Duration.ofMillis(20), 1_000_000));
		try (Socket socket = connect()) {
			send(socket, "last words\n");
			socket.shutdownOutput();
			assertThat(readLine(socket)).isEqualTo("LAST WORDS");
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
		}
	}

	@Test
	void shapedLinkWhoseTargetDiesMidStreamEndsItsThreads() throws Exception {
		try (ServerSocket dying = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				FaultyLink shaped = FaultyLink.start(dying.getLocalPort());
				Socket client = new Socket()) {
			shaped.shape(LinkShape.of(Duration.ofMillis(2), 1_000_000));
			client.connect(new InetSocketAddress("127.0.0.1", shaped.port()), (int) WAIT.toMillis());
			Thread writer = Thread.ofVirtual().start(() -> {
				try {
					client.getOutputStream().write(new byte[4 << 20]);
				}
				catch (IOException ex) {
					// Reset once the target died: expected.
				}
			});
			try (Socket accepted = dying.accept()) {
				accepted.getInputStream().readNBytes(1000);
				accepted.setSoLinger(true, 0);
			}
			// The target died with megabytes still queued towards it; the sender is
			// reset and every relay thread ends, or close() below fails.
			assertThat(writer.join(WAIT)).isTrue();
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", this.link.port()), (int) WAIT.toMillis());
		socket.setSoTimeout((int) WAIT.toMillis());
		return socket;
	}

	private static void send(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static String readLine(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != '\n') {
			assertThat(b).as("end of stream before the end of the line").isNotEqualTo(-1);
			line.write(b);
		}
		return line.toString(StandardCharsets.UTF_8);
	}

	/**
	 * Asserts that a new connection is reset at once. The reset can beat the end of
	 * {@code connect}, which then fails itself.
	 */
	private void assertTurnedAway() {
		Socket socket;
		try {
			socket = connect();
		}
		catch (IOException ex) {
			assertThat(ex).hasMessageContaining("reset");
			return;
		}
		try (socket) {
			assertBroken(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Asserts that the connection has ended: a read sees a reset or the end of the
	 * stream, well before the socket's read timeout, which would mean it is still open.
	 */
	private static void assertBroken(Socket socket) {
		try {
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("the connection is still open " + WAIT + " later", ex);
		}
		catch (IOException ex) {
			assertThat(ex).hasMessageContaining("reset");
		}
	}

	/**
	 * Answers each byte with the same byte in upper case (the tests speak ASCII), and
	 * counts how its connections ended.
	 */
	private static final class EchoServer implements AutoCloseable {

		private final ServerSocket listener;

		private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

		private final AtomicInteger connections = new AtomicInteger();

		private final AtomicInteger resets = new AtomicInteger();

		private final Thread acceptor;

		private EchoServer(ServerSocket listener) {
			this.listener = listener;
			this.acceptor = Thread.ofVirtual().name("echo-accept").start(this::acceptLoop);
		}

		static EchoServer start() {
			try {
				ServerSocket listener = new ServerSocket();
				listener.bind(new InetSocketAddress("127.0.0.1", 0));
				return new EchoServer(listener);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		int port() {
			return this.listener.getLocalPort();
		}

		int connections() {
			return this.connections.get();
		}

		/** Connections that ended with a reset rather than an orderly close. */
		int resets() {
			return this.resets.get();
		}

		private void acceptLoop() {
			while (true) {
				try {
					Socket socket = this.listener.accept();
					this.connections.incrementAndGet();
					this.sockets.add(socket);
					Thread.ofVirtual().name("echo").start(() -> echo(socket));
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void echo(Socket socket) {
			try (socket) {
				InputStream in = socket.getInputStream();
				OutputStream out = socket.getOutputStream();
				int b;
				while ((b = in.read()) != -1) {
					out.write(Character.toUpperCase(b));
				}
			}
			catch (IOException ex) {
				if (String.valueOf(ex.getMessage()).contains("reset")) {
					this.resets.incrementAndGet();
				}
			}
			finally {
				this.sockets.remove(socket);
			}
		}

		@Override
		public void close() {
			try {
				this.listener.close();
				for (Socket socket : this.sockets) {
					socket.close();
				}
				this.acceptor.join(WAIT);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
