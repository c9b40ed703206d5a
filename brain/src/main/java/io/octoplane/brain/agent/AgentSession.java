package io.octoplane.brain.agent;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.octoplane.brain.config.BrainIdentity;
import io.octoplane.brain.metrics.RefusalReason;
import io.octoplane.brain.metrics.Refusals;
import io.octoplane.brain.node.NodeRepository;
import io.octoplane.certs.CertificateRole;
import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.CommandOutput;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.CommandStarted;
import io.octoplane.protocol.agent.DataOpen;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.FrameTooLargeException;
import io.octoplane.protocol.agent.Goodbye;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.HeartbeatAck;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.agent.LinkSockets;
import io.octoplane.protocol.agent.ProtocolException;
import io.octoplane.protocol.agent.RenewCertificate;
import io.octoplane.protocol.agent.ResultAck;
import io.octoplane.protocol.agent.TunnelAttach;
import io.octoplane.protocol.agent.UnknownMessageException;
import io.octoplane.protocol.agent.Welcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

/**
 * One tentacle's control connection, from TLS handshake to close. Runs on its own
 * (virtual) thread: handshake, role check, Hello/Welcome, then a read loop that answers
 * heartbeats and hands command frames to the {@link AgentListener}. Writes come from any
 * thread and are serialised by a lock.
 */
public final class AgentSession {

	private static final Logger logger = LoggerFactory.getLogger(AgentSession.class);

	private final SSLSocket socket;

	private final FrameCodec codec;

	private final AgentProperties properties;

	private final AgentSessions sessions;

	private final NodeRepository nodes;

	private final BrainIdentity identity;

	private final AgentListener listener;

	private final ScheduledExecutorService watchdog;

	private final RevocationRepository revocations;

	private final NodeCertificates certificates;

	private final Clock clock;

	private final DataConnectionHandler data;

	private final TunnelEndpoint tunnels;

	private final AgentMetrics metrics;

	private final Refusals refusals;

	private final String sessionId = UUID.randomUUID().toString();

	private final ReentrantLock writeLock = new ReentrantLock();

	private volatile @Nullable String nodeName;

	private volatile boolean closed;

	private volatile boolean dataConnection;

	private volatile boolean handshakeExpired;

	private volatile boolean tlsEstablished;

	private volatile boolean handshakeDone;

	private @Nullable InputStream in;

	private @Nullable OutputStream out;

	private String certificateSerial = "";

	AgentSession(SSLSocket socket, FrameCodec codec, AgentProperties properties, AgentSessions sessions,
			NodeRepository nodes, BrainIdentity identity, AgentListener listener, ScheduledExecutorService watchdog,
			RevocationRepository revocations, NodeCertificates certificates, Clock clock, DataConnectionHandler data,
			TunnelEndpoint tunnels, AgentMetrics metrics, Refusals refusals) {
		this.socket = socket;
		this.codec = codec;
		this.properties = properties;
		this.sessions = sessions;
		this.nodes = nodes;
		this.identity = identity;
		this.listener = listener;
		this.watchdog = watchdog;
		this.revocations = revocations;
		this.certificates = certificates;
		this.clock = clock;
		this.data = data;
		this.tunnels = tunnels;
		this.metrics = metrics;
		this.refusals = refusals;
	}

	/** The node's name (its certificate CN); set once the handshake succeeded. */
	public String nodeName() {
		String name = this.nodeName;
		if (name == null) {
			throw new IllegalStateException("session has not completed its handshake");
		}
		return name;
	}

	/** Hex serial of the certificate the node connected with. */
	String certificateSerial() {
		return this.certificateSerial;
	}

	/** The remote address, {@code host:port}. */
	public String remoteAddress() {
		return this.socket.getInetAddress().getHostAddress() + ":" + this.socket.getPort();
	}

	void serve() {
		try {
			// SO_TIMEOUT bounds each read; this bounds the whole handshake, so a client
			// trickling bytes cannot hold a connection slot for long.
			ScheduledFuture<?> handshakeDeadline = this.watchdog.schedule(this::handshakeExpired,
					this.properties.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
			String name = handshake();
			this.nodeName = name;
			AgentMessage first = this.codec.read(input(), AgentMessage.class);
			// Only now for sure: TLS 1.3 may report a refused client certificate on the
			// first read rather than in startHandshake().
			this.tlsEstablished = true;
			if (first instanceof DataOpen open) {
				handshakeDeadline.cancel(false);
				this.handshakeDone = true;
				serveData(name, open);
				return;
			}
			if (first instanceof TunnelAttach attach) {
				handshakeDeadline.cancel(false);
				this.handshakeDone = true;
				serveTunnel(name, attach);
				return;
			}
			if (!(first instanceof Hello hello)) {
				throw new ProtocolException(
						"expected hello as the first frame, got " + first.getClass().getSimpleName());
			}
			Instant now = this.clock.instant();
			this.nodes.connected(name, hello, remoteAddress(), this.sessionId, this.certificateSerial, now);
			// Welcome goes out before the session is
			// findable, so no command can overtake it.
			send(new Welcome(name, this.properties.heartbeatInterval().toMillis(), this.identity.name(),
					this.identity.version()));
			handshakeDeadline.cancel(false);
			this.handshakeDone = true;
			AgentSession replaced = this.sessions.register(this);
			if (replaced != null) {
				replaced.close("replaced by a new connection of the same node", true);
			}
			logger.info("Node {} connected from {} (tentacle {}, {} {})", name, remoteAddress(), hello.agentVersion(),
					hello.os(), hello.arch());
			this.socket.setSoTimeout((int) this.properties.offlineAfter().toMillis());
			this.listener.connected(this);
			readLoop(name);
		}
		catch (SocketTimeoutException ex) {
			if (!this.handshakeDone) {
				handshakeTimedOut();
			}
			else {
				this.refusals.count(RefusalReason.IDLE_TIMEOUT);
				logger.info("Node {} at {} went silent; dropping its connection", describe(), remoteAddress());
			}
		}
		catch (SSLException ex) {
			if (this.handshakeExpired && !this.handshakeDone) {
				handshakeTimedOut();
			}
			else {
				if (!this.tlsEstablished) {
					this.metrics.handshakeFailed(ex);
				}
				logger.info("TLS handshake with {} failed: {}", remoteAddress(), ex.getMessage());
			}
		}
		catch (EOFException ex) {
			if (this.handshakeExpired && !this.handshakeDone) {
				handshakeTimedOut();
			}
			else {
				logger.info("Node {} at {} closed its connection", describe(), remoteAddress());
			}
		}
		catch (ProtocolException ex) {
			if (ex instanceof FrameTooLargeException) {
				this.refusals.count(RefusalReason.FRAME_SIZE);
			}
			// Retry: a version skew or a limit mismatch is fixed by an upgrade, not by
			// stopping the agent for good.
			logger.warn("Node {} at {} broke the protocol: {}", describe(), remoteAddress(), ex.getMessage());
			close(ex.getMessage(), true);
		}
		catch (RefusedException ex) {
			this.refusals.count(ex.reason);
			logger.warn("Refused {}: {}", remoteAddress(), ex.getMessage());
			close(ex.getMessage(), false);
		}
		catch (IOException ex) {
			if (this.handshakeExpired && !this.handshakeDone) {
				handshakeTimedOut();
			}
			else if (!this.closed) {
				logger.info("Connection of node {} at {} failed: {}", describe(), remoteAddress(), ex.getMessage());
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Dropping connection of node {} at {}: {}", describe(), remoteAddress(), ex.toString());
			close("the brain could not serve this connection; try again", true);
		}
		finally {
			finish();
		}
	}

	private String handshake() throws IOException {
		this.socket.setSoTimeout((int) this.properties.handshakeTimeout().toMillis());
		this.socket.startHandshake();
		this.in = this.metrics.counted(this.socket.getInputStream());
		this.out = this.metrics.counted(this.socket.getOutputStream());
		Certificate[] chain = this.socket.getSession().getPeerCertificates();
		X509Certificate leaf = (X509Certificate) chain[0];
		Optional<CertificateRole> role = CertificateRole.of(leaf);
		if (role.isEmpty() || role.get() != CertificateRole.NODE) {
			throw new RefusedException(RefusalReason.CERTIFICATE_ROLE,
					"certificate " + leaf.getSubjectX500Principal().getName() + " has role "
							+ role.map(CertificateRole::ou).orElse("none")
							+ ", only node certificates may connect here");
		}
		if (this.revocations.isRevoked(leaf.getSerialNumber())) {
			throw new RefusedException(RefusalReason.REVOKED_CERTIFICATE,
					"certificate " + leaf.getSerialNumber().toString(16) + " of "
							+ leaf.getSubjectX500Principal().getName() + " was revoked");
		}
		this.certificateSerial = leaf.getSerialNumber().toString(16);
		return CertificateRole.commonName(leaf);
	}

	private void serveData(String name, DataOpen open) throws IOException {
		// Not a registered session: a data connection must never replace the node's
		// control connection nor mark the node offline when it ends.
		this.dataConnection = true;
		this.socket.setSoTimeout((int) this.properties.offlineAfter().toMillis());
		try {
			this.data.serve(name, open, this.socket.getInputStream(), new GuardedOutput(this.socket.getOutputStream()),
					this.codec);
		}
		catch (DataConnectionHandler.DataRefusedException ex) {
			logger.warn("Refused a data connection of {}: {}", name, ex.getMessage());
			close(ex.getMessage(), false);
		}
	}

	private void serveTunnel(String name, TunnelAttach attach) throws IOException {
		this.dataConnection = true;
		// An interactive session may be quiet for hours: no read timeout, but TCP
		// keepalive notices a peer that vanished without a word.
		this.socket.setSoTimeout(0);
		LinkSockets.keepAlive(this.socket);
		this.tunnels.attach(name, attach, new TunnelEndpoint.Link() {

			@Override
			public InputStream in() throws IOException {
				return AgentSession.this.socket.getInputStream();
			}

			@Override
			public OutputStream out() throws IOException {
				return new GuardedOutput(AgentSession.this.socket.getOutputStream());
			}

			@Override
			public void shutdownOutput() throws IOException {
				AgentSession.this.socket.shutdownOutput();
			}

			@Override
			public void close() {
				closeSocket();
			}

			@Override
			public void abort() {
				abortSocket();
			}

		});
	}

	private void readLoop(String name) throws IOException {
		InputStream in = input();
		while (!this.closed) {
			AgentMessage message;
			try {
				message = this.codec.read(in, AgentMessage.class);
			}
			catch (UnknownMessageException ex) {
				// A newer tentacle's frame; the connection stays in step without it.
				logger.warn("Ignoring a frame of node {}: {}", name, ex.getMessage());
				continue;
			}
			Instant receivedAt = this.clock.instant();
			switch (message) {
				case Heartbeat heartbeat -> {
					this.metrics.heartbeat(heartbeat.rttMicros());
					onHeartbeat(name, heartbeat, receivedAt);
				}
				case CommandStarted started -> this.listener.started(this, started);
				case CommandOutput output -> this.listener.output(this, output);
				case CommandResult result -> onResult(result);
				case RenewCertificate renew -> send(this.certificates.renew(name, renew.csrPem()));
				case Hello hello -> throw new ProtocolException("hello sent twice");
				case DataOpen open -> throw new ProtocolException("data-open belongs on a data connection");
				case TunnelAttach attach -> throw new ProtocolException("tunnel-attach belongs on a data connection");
			}
		}
	}

	private void onHeartbeat(String name, Heartbeat heartbeat, Instant receivedAt) throws IOException {
		try {
			this.nodes.heartbeat(name, this.sessionId, heartbeat, receivedAt);
		}
		catch (DataAccessException ex) {
			// The link is fine; only the registry is behind. Keep the node connected.
			logger.warn("Cannot record heartbeat of {}: {}", name, ex.getMessage());
		}
		send(new HeartbeatAck(heartbeat.seq(), heartbeat.sentAtMillis(), receivedAt.toEpochMilli(), this.clock.millis(),
				this.properties.heartbeatInterval().toMillis()));
	}

	private void onResult(CommandResult result) throws IOException {
		try {
			this.listener.result(this, result);
		}
		catch (RuntimeException ex) {
			// Not stored, so not acknowledged: the
			// node keeps the result in its journal and
			// sends it again once it has reconnected,
			// which closing the link brings about.
			logger.warn("Cannot store result of command {} from {}: {}", result.commandId(), describe(),
					ex.getMessage());
			close("the brain cannot store results right now; reconnect and send them again", true);
			return;
		}
		send(new ResultAck(result.commandId()));
	}

	/**
	 * Sends a frame to the node. Safe to call from any thread.
	 * @param message the frame
	 * @throws IOException if the connection is broken; it is then closing
	 */
	public void send(BrainMessage message) throws IOException {
		sendEncoded(this.codec.encode(message));
	}

	/**
	 * Sends a frame encoded once for many nodes ({@link FrameCodec#encode}). Safe to call
	 * from any thread.
	 * @param frame the frame
	 * @throws IOException if the connection is broken; it is then closing
	 */
	public void sendEncoded(byte[] frame) throws IOException {
		if (this.closed) {
			throw new IOException("connection to node " + describe() + " is closed");
		}
		this.writeLock.lock();
		// A node that stops reading fills its TCP window and would block this write,
		// and every writer behind it, for ever; the watchdog cuts such a link.
		ScheduledFuture<?> guard = this.watchdog.schedule(this::writeTimedOut,
				this.properties.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
		try {
			this.codec.writeEncoded(output(), frame);
		}
		finally {
			guard.cancel(false);
			this.writeLock.unlock();
		}
	}

	private void writeTimedOut() {
		this.refusals.count(RefusalReason.WRITE_TIMEOUT);
		logger.warn("Node {} at {} stopped reading; dropping its connection", describe(), remoteAddress());
		this.closed = true;
		abortSocket();
	}

	/**
	 * Resets the connection without a TLS close_notify: closing normally would wait for
	 * the TLS record lock, which the writer that timed out still holds, and this runs on
	 * the watchdog thread every connection shares.
	 */
	private void abortSocket() {
		LinkSockets.reset(this.socket);
	}

	/**
	 * Closes the connection, telling the tentacle why first.
	 * @param reason what the tentacle logs
	 * @param retry whether it should redial
	 */
	void close(String reason, boolean retry) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			if (this.writeLock.tryLock(Duration.ofSeconds(1).toMillis(), TimeUnit.MILLISECONDS)) {
				try {
					this.codec.write(output(), new Goodbye(reason, retry));
				}
				finally {
					this.writeLock.unlock();
				}
			}
		}
		catch (IOException | InterruptedException ex) {
			// The peer is gone or going; closing the
			// socket below is all that is left to do.
		}
		closeSocket();
	}

	private InputStream input() throws IOException {
		InputStream stream = this.in;
		return (stream != null) ? stream : this.socket.getInputStream();
	}

	private OutputStream output() throws IOException {
		OutputStream stream = this.out;
		return (stream != null) ? stream : this.socket.getOutputStream();
	}

	private void handshakeExpired() {
		this.handshakeExpired = true;
		closeSocket();
	}

	private void handshakeTimedOut() {
		this.refusals.count(RefusalReason.HANDSHAKE_TIMEOUT);
		if (!this.tlsEstablished) {
			this.metrics.handshakeFailed(AgentMetrics.HandshakeFailure.TIMEOUT);
		}
		logger.info("Handshake with {} did not finish within {}; dropping the connection", remoteAddress(),
				this.properties.handshakeTimeout());
	}

	private void finish() {
		this.closed = true;
		closeSocket();
		String name = this.nodeName;
		if (name == null || this.dataConnection) {
			return;
		}
		this.sessions.unregister(this);
		try {
			this.nodes.disconnected(name, this.sessionId, this.clock.instant());
		}
		catch (RuntimeException ex) {
			// Redis down, or already closed during shutdown: the node will show
			// offline anyway once its last-seen time is older than offline-after.
			logger.warn("Cannot record disconnect of {}: {}", name, ex.getMessage());
		}
	}

	private void closeSocket() {
		try {
			// SSLSocket.close() drains pending input first, for up to SO_TIMEOUT;
			// a silent or stuck peer must not hold this thread that long.
			this.socket.setSoTimeout(200);
		}
		catch (IOException ex) {
			// Already closed or broken; close() below still releases it.
		}
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Already broken; nothing to release.
		}
	}

	private String describe() {
		String name = this.nodeName;
		return (name != null) ? name : "(unidentified)";
	}

	/**
	 * Bulk output with the same write deadline as frames: a node that stops reading must
	 * not hold a thread and a connection slot for ever.
	 */
	private final class GuardedOutput extends OutputStream {

		private final OutputStream out;

		GuardedOutput(OutputStream out) {
			this.out = out;
		}

		@Override
		public void write(int value) throws IOException {
			write(new byte[] { (byte) value }, 0, 1);
		}

		@Override
		public void write(byte[] buffer, int offset, int length) throws IOException {
			ScheduledFuture<?> guard = AgentSession.this.watchdog.schedule(AgentSession.this::writeTimedOut,
					AgentSession.this.properties.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
			try {
				this.out.write(buffer, offset, length);
			}
			finally {
				guard.cancel(false);
			}
		}

		@Override
		public void flush() throws IOException {
			this.out.flush();
		}

	}

	/** The peer is not allowed to connect; it is told why and not asked to retry. */
	private static final class RefusedException extends IOException {

		private final RefusalReason reason;

		RefusedException(RefusalReason reason, String message) {
			super(message);
			this.reason = reason;
		}

	}

}
