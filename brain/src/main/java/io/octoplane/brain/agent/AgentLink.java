package io.octoplane.brain.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLSocket;

import io.octoplane.brain.metrics.RefusalReason;
import io.octoplane.brain.metrics.Refusals;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.Goodbye;
import io.octoplane.protocol.agent.LinkCompression;
import io.octoplane.protocol.agent.LinkSockets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection on the agent port: its socket, its {@link LinkState} and its
 * {@link FrameWriter}. The state changes only by compare-and-set, so a handshake
 * finishing and its deadline passing at the same moment have exactly one outcome.
 */
final class AgentLink {

	private static final Logger logger = LoggerFactory.getLogger(AgentLink.class);

	private static final Duration GOODBYE_WAIT = Duration.ofSeconds(1);

	private final SSLSocket socket;

	private final AtomicReference<LinkState> state = new AtomicReference<>(LinkState.HANDSHAKE);

	private final FrameWriter writer;

	private final Refusals refusals;

	private final FrameCodec codec;

	private volatile @Nullable InputStream in;

	private volatile @Nullable OutputStream out;

	private volatile String peer = "(unidentified)";

	private final @Nullable String relayedFrom;

	AgentLink(SSLSocket socket, FrameCodec codec, ScheduledExecutorService watchdog, Duration writeTimeout,
			Refusals refusals) {
		this(socket, codec, watchdog, writeTimeout, refusals, null);
	}

	AgentLink(SSLSocket socket, FrameCodec codec, ScheduledExecutorService watchdog, Duration writeTimeout,
			Refusals refusals, @Nullable String relayedFrom) {
		this.relayedFrom = relayedFrom;
		this.socket = socket;
		this.refusals = refusals;
		this.codec = codec;
		this.writer = new FrameWriter(socket::getOutputStream, codec, watchdog, writeTimeout, this::writeTimedOut);
	}

	SSLSocket socket() {
		return this.socket;
	}

	FrameCodec codec() {
		return this.codec;
	}

	FrameWriter writer() {
		return this.writer;
	}

	LinkState state() {
		return this.state.get();
	}

	/** The node's name once known, for log lines. */
	String peer() {
		return this.peer;
	}

	/**
	 * The remote address, {@code host:port}; for a node behind a gateway, the address the
	 * gateway saw and the gateway's name.
	 */
	String remoteAddress() {
		if (this.relayedFrom != null) {
			return this.relayedFrom;
		}
		return this.socket.getInetAddress().getHostAddress() + ":" + this.socket.getPort();
	}

	/**
	 * The certificate was accepted: frames are read from and written to the counted
	 * streams from now on.
	 */
	void identified(NodeIdentity node, InputStream counted, OutputStream countedOut) {
		this.peer = node.name();
		this.in = counted;
		this.out = countedOut;
		this.writer.useOutput(countedOut);
	}

	/**
	 * Both sides agreed in Hello and Welcome: from the next byte on, frames from the node
	 * are inflated and, where agreed, frames to it deflated. Called right after Welcome
	 * was written and before any other frame can be, so no frame straddles the switch.
	 * @param compression what was agreed
	 */
	void compress(LinkCompression compression) throws IOException {
		this.in = LinkCompression.inflating(input());
		OutputStream raw = this.out;
		if (compression.down() && raw != null) {
			this.writer.useOutput(LinkCompression.deflating(raw));
		}
	}

	InputStream input() throws IOException {
		InputStream stream = this.in;
		return (stream != null) ? stream : this.socket.getInputStream();
	}

	/**
	 * Moves from one state to the next.
	 * @return whether the link was in {@code from}; if not, it is left as it is
	 */
	boolean advance(LinkState from, LinkState to) {
		return this.state.compareAndSet(from, to);
	}

	/**
	 * The handshake deadline passed.
	 * @return the state the link expired in, or {@code null} if it was routed or over
	 * already
	 */
	@Nullable LinkState expire() {
		for (int attempt = 0; attempt < 3; attempt++) {
			LinkState current = this.state.get();
			if (current != LinkState.HANDSHAKE && current != LinkState.GREETING) {
				return null;
			}
			if (this.state.compareAndSet(current, LinkState.EXPIRED)) {
				return current;
			}
		}
		// Only HANDSHAKE -> GREETING can race a deadline, so a third try always settles.
		return null;
	}

	/**
	 * Sends a frame. Safe to call from any thread.
	 * @throws IOException if the connection is over or breaks
	 */
	void send(BrainMessage message) throws IOException {
		sendEncoded(this.codec.encode(message));
	}

	/**
	 * Sends a frame encoded once for many nodes. Safe to call from any thread.
	 * @throws IOException if the connection is over or breaks
	 */
	void sendEncoded(byte[] frame) throws IOException {
		if (this.state.get().isOver()) {
			throw new IOException("connection to node " + this.peer + " is closed");
		}
		this.writer.writeEncoded(frame);
	}

	/**
	 * Closes the connection, telling the tentacle why first.
	 * @param reason what the tentacle logs
	 * @param retry whether it should redial
	 */
	void close(String reason, boolean retry) {
		if (!markClosed()) {
			return;
		}
		this.writer.tryWrite(new Goodbye(reason, retry), GOODBYE_WAIT);
		closeSocket();
	}

	/**
	 * Marks the link closed.
	 * @return whether this call ended it
	 */
	boolean markClosed() {
		LinkState previous = this.state.getAndUpdate((current) -> current.isOver() ? current : LinkState.CLOSED);
		return !previous.isOver();
	}

	private void writeTimedOut() {
		this.refusals.count(RefusalReason.WRITE_TIMEOUT);
		logger.warn("Node {} at {} stopped reading; dropping its connection", this.peer, remoteAddress());
		markClosed();
		abort();
	}

	/**
	 * Resets the connection without a TLS close_notify: closing normally would wait for
	 * the TLS record lock, which a writer that timed out still holds, and the watchdog
	 * thread that runs this is shared by every connection.
	 */
	void abort() {
		LinkSockets.reset(this.socket);
	}

	void closeSocket() {
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

}
