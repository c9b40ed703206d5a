package io.octoplane.tentacle.connection;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import io.octoplane.certs.CertificateAuthority;
import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.PemFiles;
import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.Capabilities;
import io.octoplane.protocol.agent.CertificateRenewed;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.Facts;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.Goodbye;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.HeartbeatAck;
import io.octoplane.protocol.agent.RenewCertificate;
import io.octoplane.protocol.agent.ResultAck;
import io.octoplane.protocol.agent.Welcome;
import org.jspecify.annotations.Nullable;

/**
 * A brain that speaks just enough of the agent protocol for tests: mTLS on 127.0.0.1,
 * Welcome with the client certificate's CN, an ack for each heartbeat and (unless told
 * not to) for each command result, a signed certificate for each renewal request (given a
 * CA, else a refusal), and everything the tentacle sends recorded in order, as well as
 * the serial of each client certificate it accepted.
 */
final class FakeBrain implements AutoCloseable {

	final BlockingQueue<AgentMessage> received = new LinkedBlockingQueue<>();

	final BlockingQueue<Facts> facts = new LinkedBlockingQueue<>();

	final AtomicInteger handshakes = new AtomicInteger();

	volatile boolean ackHeartbeats = true;

	/**
	 * Announce sparse acknowledgements and answer only every second heartbeat (odd
	 * sequence numbers): the fewest answers the contract allows.
	 */
	volatile boolean sparseAcks;

	volatile boolean ackResults = true;

	final BlockingQueue<String> ackedResults = new LinkedBlockingQueue<>();

	volatile @Nullable Goodbye refuseWith;

	volatile @Nullable CertificateAuthority renewer;

	volatile @Nullable String renewalError;

	final AtomicInteger renewalRequests = new AtomicInteger();

	final List<BigInteger> peerSerials = new CopyOnWriteArrayList<>();

	private final SSLServerSocket server;

	private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

	private final long intervalMillis;

	private final Thread acceptor;

	// How long send waits for a tentacle between connections.
	private static final Duration RECONNECT_WAIT = Duration.ofSeconds(15);

	private final Object connected = new Object();

	private volatile @Nullable SSLSocket current;

	FakeBrain(SSLContext context, long intervalMillis) throws IOException {
		this.intervalMillis = intervalMillis;
		this.server = (SSLServerSocket) context.getServerSocketFactory()
			.createServerSocket(0, 10, InetAddress.getLoopbackAddress());
		this.server.setNeedClientAuth(true);
		this.server.setEnabledProtocols(new String[] { "TLSv1.3" });
		this.acceptor = Thread.ofVirtual().name("fake-brain").start(this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Sends a message on the tentacle's connection. Like the real brain, which keeps a
	 * command queued until the node is connected, a message sent while the tentacle is
	 * between connections goes out on its next one: on a loaded machine a tentacle may
	 * drop a link whose heartbeats were answered late, and reconnects at once.
	 */
	void send(BrainMessage message) throws IOException {
		SSLSocket socket = awaitOpenConnection();
		synchronized (socket) {
			this.codec.write(socket.getOutputStream(), message);
		}
	}

	private SSLSocket awaitOpenConnection() throws IOException {
		long deadline = System.nanoTime() + RECONNECT_WAIT.toNanos();
		synchronized (this.connected) {
			SSLSocket socket = this.current;
			while (socket == null || socket.isClosed()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new IOException("no tentacle connected within " + RECONNECT_WAIT);
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.connected, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException("interrupted while waiting for a tentacle");
				}
				socket = this.current;
			}
			return socket;
		}
	}

	void dropConnection() throws IOException {
		SSLSocket socket = this.current;
		if (socket != null) {
			socket.close();
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				SSLSocket socket = (SSLSocket) this.server.accept();
				Thread.ofVirtual().name("fake-brain-connection").start(() -> serve(socket));
			}
			catch (IOException ex) {
				// Closed by close(), or a client that failed the handshake.
			}
		}
	}

	private void serve(SSLSocket socket) {
		try (socket) {
			socket.startHandshake();
			X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
			String node = CertificateRole.commonName(peer);
			this.peerSerials.add(peer.getSerialNumber());
			this.received.add(this.codec.read(socket.getInputStream(), AgentMessage.class));
			this.handshakes.incrementAndGet();
			Goodbye goodbye = this.refuseWith;
			if (goodbye != null) {
				this.codec.write(socket.getOutputStream(), goodbye);
				return;
			}
			// Current before the tentacle can see itself connected (a test may drop the
			// link as soon as it is), yet nothing is sent before the Welcome: send waits
			// for the socket's lock, held until the Welcome is written.
			synchronized (socket) {
				synchronized (this.connected) {
					this.current = socket;
					this.connected.notifyAll();
				}
				this.codec.write(socket.getOutputStream(), new Welcome(node, this.intervalMillis, "fake-brain", "test",
						this.sparseAcks ? Set.of(Capabilities.SPARSE_HEARTBEAT_ACKS) : Set.of(), null));
			}
			while (true) {
				AgentMessage message = this.codec.read(socket.getInputStream(), AgentMessage.class);
				long receivedAt = System.currentTimeMillis();
				if (message instanceof Facts facts) {
					// Sent on every connect; the frame-by-frame checks look past them.
					this.facts.add(facts);
					continue;
				}
				this.received.add(message);
				if (message instanceof Heartbeat heartbeat && this.ackHeartbeats
						&& (!this.sparseAcks || heartbeat.seq() % 2 == 1)) {
					synchronized (socket) {
						this.codec.write(socket.getOutputStream(), new HeartbeatAck(heartbeat.seq(),
								heartbeat.sentAtMillis(), receivedAt, System.currentTimeMillis(), this.intervalMillis));
					}
				}
				if (message instanceof RenewCertificate renew) {
					this.renewalRequests.incrementAndGet();
					// Signed beside the reader: a cold signer on a loaded machine
					// can take longer than the three heartbeat intervals after
					// which the tentacle calls a link without answers dead.
					Thread.ofVirtual().name("fake-brain-renewal").start(() -> answerRenewal(socket, node, renew));
				}
				if (message instanceof CommandResult result && this.ackResults) {
					synchronized (socket) {
						this.codec.write(socket.getOutputStream(), new ResultAck(result.commandId()));
					}
					this.ackedResults.add(result.commandId());
				}
			}
		}
		catch (IOException ex) {
			// The tentacle went away or the test dropped the connection.
		}
	}

	private void answerRenewal(SSLSocket socket, String node, RenewCertificate renew) {
		CertificateRenewed answer = renewal(node, renew);
		try {
			synchronized (socket) {
				this.codec.write(socket.getOutputStream(), answer);
			}
		}
		catch (IOException ex) {
			// The link went down meanwhile; the tentacle asks again on its next one.
		}
	}

	private CertificateRenewed renewal(String node, RenewCertificate renew) {
		CertificateAuthority ca = this.renewer;
		String error = this.renewalError;
		if (error != null || ca == null) {
			return new CertificateRenewed(null, (error != null) ? error : "this brain cannot sign certificates");
		}
		return new CertificateRenewed(
				PemFiles.toPem(ca.signCsr(renew.csrPem(), CertificateRole.NODE, node, Duration.ofDays(7))), null);
	}

	@Override
	public void close() throws IOException, InterruptedException {
		this.server.close();
		dropConnection();
		this.acceptor.join(2000);
	}

}
