package io.octoplane.brain.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

import io.octoplane.brain.agent.TunnelEndpoint.Link;
import io.octoplane.protocol.api.TunnelStream;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
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

	// Tomcat gives up a blocking send after 20 s by default; an operator may pause a
	// session (a suspended ssh) for longer, and back-pressure must wait that out.
	private static final String SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private static final long SEND_TIMEOUT_MILLIS = 10 * 60 * 1000L;

	private static final String OPERATOR_DONE = "octoplane.tunnel.operator-done";

	private static final String NODE_DONE = "octoplane.tunnel.node-done";

	private final TunnelBroker broker;

	TunnelSocketHandler(TunnelBroker broker) {
		this.broker = broker;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		Tunnel tunnel = tunnel(session);
		tunnel.attached();
		session.getAttributes().put(OPERATOR_DONE, new AtomicBoolean());
		session.getAttributes().put(NODE_DONE, new AtomicBoolean());
		if (session instanceof NativeWebSocketSession nativeSession) {
			Session standard = nativeSession.getNativeSession(Session.class);
			if (standard != null) {
				standard.getUserProperties().put(SEND_TIMEOUT, SEND_TIMEOUT_MILLIS);
			}
		}
		Link link = tunnel.link().join();
		Thread.ofVirtual().name("tunnel-" + tunnel.node()).start(() -> fromNode(session, tunnel, link));
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws IOException {
		if (done(session, OPERATOR_DONE).get()) {
			session.close(CloseStatus.PROTOCOL_ERROR.withReason("bytes after eof"));
			return;
		}
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
		// A repeated eof changes nothing: each direction ends once.
		if (done(session, OPERATOR_DONE).compareAndSet(false, true)) {
			tunnel(session).link().join().shutdownOutput();
			closeIfBothDone(session);
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		logger.info("Tunnel WebSocket failed: {}", exception.getMessage());
		this.broker.abort(tunnel(session));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		if (CloseStatus.NORMAL.equalsCode(status) && done(session, OPERATOR_DONE).get()) {
			this.broker.close(tunnel(session));
		}
		else {
			// The operator left in the middle (or the link broke): the service must see
			// an error, not a clean end of what it was sent.
			this.broker.abort(tunnel(session));
		}
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
			done(session, NODE_DONE).set(true);
			closeIfBothDone(session);
		}
		catch (IOException ex) {
			closeQuietly(session, CloseStatus.SERVER_ERROR.withReason("the tunnel broke: " + ex.getMessage()));
			this.broker.abort(tunnel);
		}
		catch (IllegalStateException ex) {
			// The operator closed the WebSocket while the node still sent; nothing is
			// lost that anyone would read.
			this.broker.abort(tunnel);
		}
	}

	private static void closeIfBothDone(WebSocketSession session) {
		if (done(session, OPERATOR_DONE).get() && done(session, NODE_DONE).get()) {
			closeQuietly(session, CloseStatus.NORMAL);
		}
	}

	private static void closeQuietly(WebSocketSession session, CloseStatus status) {
		try {
			String reason = status.getReason();
			// A close reason may hold at most 123 bytes.
			session.close((reason != null && reason.length() > 120)
					? new CloseStatus(status.getCode(), reason.substring(0, 120)) : status);
		}
		catch (IOException ex) {
			// Already broken; afterConnectionClosed still ends the tunnel.
		}
	}

	private static AtomicBoolean done(WebSocketSession session, String direction) {
		return (AtomicBoolean) session.getAttributes().get(direction);
	}

	private static Tunnel tunnel(WebSocketSession session) {
		return (Tunnel) session.getAttributes().get(TunnelHandshake.TUNNEL);
	}

}
