package io.octoplane.brain.agent;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.octoplane.brain.metrics.RefusalReason;
import io.octoplane.brain.metrics.Refusals;
import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.DataOpen;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.FrameTooLargeException;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.agent.ProtocolException;
import io.octoplane.protocol.agent.RelayOpen;
import io.octoplane.protocol.agent.TunnelAttach;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one accepted connection from its first byte to its close: waits for a turn at
 * the {@link HandshakeAdmission}, runs the {@link NodeHandshake}, reads the first frame
 * and hands the connection to what that frame asks for: a Hello starts an
 * {@link AgentSession}, a DataOpen a file transfer, a TunnelAttach a tunnel, a RelayOpen
 * (from a gateway) a connection of a node behind it, served inside this one. The wait for
 * a turn is bounded, and a deadline then covers the handshake and the greeting, so a peer
 * that trickles bytes, or never sends any, cannot hold a connection or a handshake turn
 * for long. Every way a connection ends is counted and logged here.
 */
final class FirstFrameRouter {

	private static final Logger logger = LoggerFactory.getLogger(FirstFrameRouter.class);

	private final NodeHandshake handshake;

	private final HandshakeAdmission admission;

	private final ControlContext control;

	private final DataConnectionHandler data;

	private final TunnelEndpoint tunnels;

	private final FrameCodec codec;

	private final Refusals refusals;

	private final ScheduledExecutorService watchdog;

	private final SSLContext tls;

	FirstFrameRouter(NodeHandshake handshake, HandshakeAdmission admission, ControlContext control,
			DataConnectionHandler data, TunnelEndpoint tunnels, FrameCodec codec, Refusals refusals,
			ScheduledExecutorService watchdog, SSLContext tls) {
		this.tls = tls;
		this.handshake = handshake;
		this.admission = admission;
		this.control = control;
		this.data = data;
		this.tunnels = tunnels;
		this.codec = codec;
		this.refusals = refusals;
		this.watchdog = watchdog;
	}

	private AgentProperties properties() {
		return this.control.properties();
	}

	private AgentMetrics metrics() {
		return this.control.metrics();
	}

	void serve(SSLSocket socket) {
		serve(socket, List.of(), null);
	}

	/**
	 * Serves a connection, which may run inside a gateway's relay.
	 * @param socket the connection
	 * @param via the gateways it came through, nearest the brain first
	 * @param relayedFrom the address the last gateway says the node connected from, or
	 * {@code null} for a direct connection
	 */
	private void serve(SSLSocket socket, List<NodeIdentity> via, @Nullable String relayedFrom) {
		AgentLink link = new AgentLink(socket, this.codec, this.watchdog, properties().writeTimeout(), this.refusals,
				relayedFrom);
		Duration timeout = properties().handshakeTimeout();
		HandshakeAdmission.@Nullable Turn turn = null;
		@Nullable ScheduledFuture<?> deadline = null;
		try {
			// The wait for a turn has its own bound: a connection queued behind stuck
			// ones still gets its full time to handshake.
			turn = this.admission.enter(properties().handshakeQueueWait());
			if (turn == null) {
				refuseForLoad(link);
				return;
			}
			ScheduledFuture<?> running = this.watchdog.schedule(() -> expire(link), timeout.toMillis(),
					TimeUnit.MILLISECONDS);
			deadline = running;
			HandshakeAdmission.Turn held = turn;
			route(link, via, () -> {
				running.cancel(false);
				held.release();
			});
		}
		catch (InterruptedException ex) {
			// The brain is stopping.
			Thread.currentThread().interrupt();
		}
		catch (IOException | RuntimeException ex) {
			failed(link, ex);
		}
		finally {
			if (deadline != null) {
				deadline.cancel(false);
			}
			if (turn != null) {
				turn.release();
			}
			link.markClosed();
			link.closeSocket();
		}
	}

	private void route(AgentLink link, List<NodeIdentity> via, Runnable routed) throws IOException {
		SSLSocket socket = link.socket();
		socket.setSoTimeout((int) properties().handshakeTimeout().toMillis());
		NodeIdentity node = this.handshake.perform(socket).behind(via);
		if (node.relayedBy(node.name())) {
			throw new RefusedException(RefusalReason.RELAY_LOOP,
					"node " + node.name() + " cannot connect through itself as its own gateway");
		}
		link.identified(node, metrics().counted(socket.getInputStream()), metrics().counted(socket.getOutputStream()));
		AgentMessage first = this.codec.read(link.input(), AgentMessage.class);
		if (!link.advance(LinkState.HANDSHAKE, LinkState.GREETING)) {
			// The deadline passed while the frame arrived; the link is cut.
			return;
		}
		switch (first) {
			case Hello hello -> new AgentSession(link, node, this.control, hello).serve(hello, routed);
			case DataOpen open -> {
				if (link.advance(LinkState.GREETING, LinkState.DATA)) {
					routed.run();
					serveData(link, node, open);
				}
			}
			case TunnelAttach attach -> {
				if (link.advance(LinkState.GREETING, LinkState.TUNNEL)) {
					routed.run();
					new TunnelLink(link).attach(this.tunnels, node.name(), attach);
				}
			}
			case RelayOpen relay -> {
				if (link.advance(LinkState.GREETING, LinkState.RELAY)) {
					routed.run();
					relay(link, node, relay);
				}
			}
			default -> throw new ProtocolException(
					"expected hello as the first frame, got " + first.getClass().getSimpleName());
		}
	}

	/**
	 * Serves the node behind a gateway: the brain runs a TLS server handshake of its own
	 * inside the gateway's connection, so the node's certificate is checked here, end to
	 * end, and the inner connection is routed like any other, with the gateway chain
	 * attached. It gets its own handshake turn and deadline; the gateway's were released
	 * when the relay was routed.
	 */
	private void relay(AgentLink gateway, NodeIdentity node, RelayOpen relay) throws IOException {
		SSLSocket outer = gateway.socket();
		SSLSocket inner = (SSLSocket) this.tls.getSocketFactory().createSocket(outer, null, true);
		inner.setUseClientMode(false);
		inner.setEnabledProtocols(new String[] { "TLSv1.3" });
		inner.setNeedClientAuth(true);
		logger.debug("Gateway {} relays a connection from {}", node.name(), relay.peerAddress());
		serve(inner, node.chain(), relay.peerAddress() + " via " + node.name());
	}

	private void serveData(AgentLink link, NodeIdentity node, DataOpen open) throws IOException {
		// Not a registered session: a data connection must never replace the node's
		// control connection nor mark the node offline when it ends.
		SSLSocket socket = link.socket();
		socket.setSoTimeout((int) properties().offlineAfter().toMillis());
		try {
			this.data.serve(node.name(), open, socket.getInputStream(), link.writer().guard(socket.getOutputStream()),
					this.codec);
		}
		catch (DataConnectionHandler.DataRefusedException ex) {
			logger.warn("Refused a data connection of {}: {}", node.name(), ex.getMessage());
			link.close(ex.getMessage(), false);
		}
	}

	private void refuseForLoad(AgentLink link) {
		this.refusals.count(RefusalReason.HANDSHAKE_QUEUE);
		logger.debug("Refusing {}: the handshake queue is full or its wait ran out", link.remoteAddress());
		link.markClosed();
		link.abort();
	}

	private void expire(AgentLink link) {
		LinkState expiredIn = link.expire();
		if (expiredIn == null) {
			return;
		}
		this.refusals.count(RefusalReason.HANDSHAKE_TIMEOUT);
		if (expiredIn == LinkState.HANDSHAKE) {
			metrics().handshakeFailed(AgentMetrics.HandshakeFailure.TIMEOUT);
		}
		logger.info("Handshake with {} did not finish within {}; dropping the connection", link.remoteAddress(),
				properties().handshakeTimeout());
		link.closeSocket();
	}

	private void failed(AgentLink link, Exception failure) {
		LinkState state = link.state();
		String peer = link.peer();
		String address = link.remoteAddress();
		if (state == LinkState.EXPIRED) {
			// Counted and logged when the deadline passed.
			return;
		}
		switch (failure) {
			case SocketTimeoutException ex when state == LinkState.HANDSHAKE || state == LinkState.GREETING ->
				expire(link);
			case SocketTimeoutException ex -> {
				this.refusals.count(RefusalReason.IDLE_TIMEOUT);
				logger.info("Node {} at {} went silent; dropping its connection", peer, address);
			}
			case SSLException ex -> {
				if (state == LinkState.HANDSHAKE) {
					metrics().handshakeFailed(ex);
				}
				logger.info("TLS handshake with {} failed: {}", address, ex.getMessage());
			}
			case EOFException ex -> logger.info("Node {} at {} closed its connection", peer, address);
			case ProtocolException ex -> {
				if (ex instanceof FrameTooLargeException) {
					this.refusals.count(RefusalReason.FRAME_SIZE);
				}
				// Retry: a version skew or a limit mismatch is fixed by an upgrade, not
				// by
				// stopping the agent for good.
				logger.warn("Node {} at {} broke the protocol: {}", peer, address, ex.getMessage());
				link.close(ex.getMessage(), true);
			}
			case RefusedException ex -> {
				this.refusals.count(ex.reason());
				logger.warn("Refused {}: {}", address, ex.getMessage());
				link.close(ex.getMessage(), false);
			}
			case IOException ex -> {
				if (state != LinkState.CLOSED) {
					logger.info("Connection of node {} at {} failed: {}", peer, address, ex.getMessage());
				}
			}
			default -> {
				logger.warn("Dropping connection of node {} at {}: {}", peer, address, failure.toString());
				link.close("the brain could not serve this connection; try again", true);
			}
		}
	}

}
