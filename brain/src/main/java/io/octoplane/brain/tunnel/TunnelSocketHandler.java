package io.octoplane.brain.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import io.octoplane.brain.agent.TunnelEndpoint.Link;
import io.octoplane.protocol.api.TunnelStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * Carries an attached tunnel's bytes between the operator's WebSocket and the node's data
 * connection. Writes to the node happen on the WebSocket's own thread, so a node that
 * reads slowly holds back the operator (TCP-like back-pressure) instead of filling
 * memory; a virtual thread per tunnel reads from the node.
 */
@Component
class TunnelSocketHandler extends AbstractWebSocketHandler {

	private static final Logger logger = LoggerFactory.getLogger(TunnelSocketHandler.class);

	// Both directions ended (each side sent its eof): the tunnel is done.
	private static final String DIRECTIONS_OPEN = "octoplane.tunnel.open-directions";

	private final TunnelBroker broker;

	TunnelSocketHandler(TunnelBroker broker) {
		this.broker = broker;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		Tunnel tunnel = tunnel(session);
		session.getAttributes().put(DIRECTIONS_OPEN, new AtomicInteger(2));
		Link link = tunnel.link().join();
		Thread.ofVirtual().name("tunnel-" + tunnel.node()).start(() -> fromNode(session, tunnel, link));
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws IOException {
		ByteBuffer payload = message.getPayload();
		OutputStream out = tunnel(session).link().join().out();
		out.write(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
		out.flush();
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
		if (!TunnelStream.EOF.equals(message.getPayload())) {
			session.close(CloseStatus.PROTOCOL_ERROR
				.withReason("unknown text message; only '" + TunnelStream.EOF + "' is defined"));
			return;
		}
		tunnel(session).link().join().shutdownOutput();
		directionEnded(session);
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		logger.info("Tunnel WebSocket failed: {}", exception.getMessage());
		this.broker.close(tunnel(session));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.broker.close(tunnel(session));
	}

	private void fromNode(WebSocketSession session, Tunnel tunnel, Link link) {
		byte[] buffer = new byte[TunnelStream.MAX_MESSAGE_BYTES];
		try {
			InputStream in = link.in();
			int read;
			while ((read = in.read(buffer)) >= 0) {
				session.sendMessage(new BinaryMessage(ByteBuffer.wrap(buffer.clone(), 0, read)));
			}
			session.sendMessage(new TextMessage(TunnelStream.EOF));
			directionEnded(session);
		}
		catch (IOException ex) {
			closeQuietly(session, CloseStatus.SERVER_ERROR.withReason("the node's side of the tunnel failed"));
			this.broker.close(tunnel);
		}
		catch (IllegalStateException ex) {
			// The operator closed the WebSocket while the node still sent; nothing is
			// lost that anyone would read.
			this.broker.close(tunnel);
		}
	}

	private void directionEnded(WebSocketSession session) {
		AtomicInteger open = (AtomicInteger) session.getAttributes().get(DIRECTIONS_OPEN);
		if (open.decrementAndGet() == 0) {
			closeQuietly(session, CloseStatus.NORMAL);
		}
	}

	private static void closeQuietly(WebSocketSession session, CloseStatus status) {
		try {
			session.close(status);
		}
		catch (IOException ex) {
			// Already broken; afterConnectionClosed still ends the tunnel.
		}
	}

	private static Tunnel tunnel(WebSocketSession session) {
		return (Tunnel) session.getAttributes().get(TunnelHandshake.TUNNEL);
	}

}
