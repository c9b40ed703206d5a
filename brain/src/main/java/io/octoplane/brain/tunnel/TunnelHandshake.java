package io.octoplane.brain.tunnel;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.server.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Lets a WebSocket attach only to a tunnel its caller opened and nobody attached yet;
 * anything else is answered like an unknown tunnel, so ids of others' tunnels reveal
 * nothing.
 */
@Component
class TunnelHandshake implements HandshakeInterceptor {

	static final String TUNNEL = "octoplane.tunnel";

	private final TunnelBroker broker;

	private final ProblemWriter problems;

	TunnelHandshake(TunnelBroker broker, ProblemWriter problems) {
		this.broker = broker;
		this.problems = problems;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) throws IOException {
		HttpServletRequest http = ((ServletServerHttpRequest) request).getServletRequest();
		HttpServletResponse out = ((ServletServerHttpResponse) response).getServletResponse();
		String path = http.getRequestURI();
		String id = path.substring(path.lastIndexOf('/') + 1);
		Optional<Tunnel> tunnel = this.broker.claim(id, Caller.of(http));
		if (tunnel.isEmpty()) {
			this.problems.write(http, out, ErrorCode.NOT_FOUND,
					"no such tunnel: it expired, is attached already, or was opened by another caller or brain");
			return false;
		}
		attributes.put(TUNNEL, tunnel.get());
		http.setAttribute(TUNNEL, tunnel.get());
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
		// A claimed tunnel whose upgrade then failed would otherwise wait for nobody.
		if (exception != null) {
			Object tunnel = ((ServletServerHttpRequest) request).getServletRequest().getAttribute(TUNNEL);
			if (tunnel instanceof Tunnel claimed) {
				this.broker.abort(claimed);
			}
		}
	}

}
