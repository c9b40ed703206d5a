package io.octoplane.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.TunnelRequest;
import io.octoplane.protocol.api.TunnelResponse;

/**
 * Tunnel calls of an {@link OctoplaneClient}: a TCP connection to a service a node can
 * reach, through the brain and the node's own outbound connection, so it works through
 * NAT. {@code octl ssh} and {@code octl tunnel} are built on it.
 *
 * <pre>{@code
 * try (TunnelConnection ssh = client.tunnels().open("pi-24", "127.0.0.1", 22)) {
 *     ssh.output().write(...);
 *     ssh.input().read(...);
 * }
 * }</pre>
 */
public final class TunnelApi {

	private final Transport transport;

	TunnelApi(Transport transport) {
		this.transport = transport;
	}

	/**
	 * Opens a tunnel: the node connects to the service, then the bytes flow.
	 * @param node the node
	 * @param host the service host as the node resolves it, usually {@code 127.0.0.1}
	 * @param port the service port
	 * @return the connected tunnel; close it when done
	 * @throws OctoplaneApiException with {@code node-not-found}, {@code node-offline},
	 * {@code tunnel-failed} (the node could not reach the service) or
	 * {@code invalid-request}
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public TunnelConnection open(String node, String host, int port) {
		byte[] body = this.transport.mapper().writeValueAsBytes(new TunnelRequest(host, port));
		TunnelResponse opened = this.transport.send(
				this.transport
					.request(ApiPaths.NODE_TUNNELS.replace("{name}", Transport.segment(node)), new StringJoiner("&"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(body)),
				this.transport.requestTimeout().plusSeconds(15), TunnelResponse.class);
		return attach(opened);
	}

	private TunnelConnection attach(TunnelResponse opened) {
		String path = ApiPaths.TUNNEL.replace("{id}", Transport.segment(opened.id()));
		URI uri = URI.create(this.transport.baseUri().resolve(path).toString().replaceFirst("^http", "ws"));
		// The WebSocket handshake carries the same credentials as any API request.
		HttpRequest credentials = this.transport.request(path, new StringJoiner("&")).GET().build();
		WebSocket.Builder builder = this.transport.http()
			.newWebSocketBuilder()
			.connectTimeout(this.transport.requestTimeout());
		credentials.headers().map().forEach((name, values) -> {
			if (!"accept".equalsIgnoreCase(name)) {
				values.forEach((value) -> builder.header(name, value));
			}
		});
		TunnelConnection.Receiver receiver = new TunnelConnection.Receiver();
		CompletableFuture<WebSocket> connecting = builder.buildAsync(uri, receiver);
		try {
			WebSocket socket = connecting.get(this.transport.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
			return new TunnelConnection(opened, socket, receiver);
		}
		catch (ExecutionException | CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof WebSocketHandshakeException handshake) {
				// The JDK keeps no body of a refused handshake; the brain refuses only a
				// tunnel that is not the caller's (any more).
				int status = handshake.getResponse().statusCode();
				ErrorCode code = (status == 404) ? ErrorCode.NOT_FOUND : null;
				throw new OctoplaneApiException(code, (code != null) ? code.slug() : null, status,
						"Tunnel not attached", "the brain refused to attach the tunnel to " + opened.node()
								+ "; it expired or another brain answered");
			}
			throw OctoplaneConnectionException.of(this.transport.baseUri(),
					(cause instanceof IOException io) ? io : new IOException(String.valueOf(cause), cause));
		}
		catch (TimeoutException ex) {
			// A WebSocket that connects after all must not stay attached with no reader.
			connecting.thenAccept(WebSocket::abort);
			throw OctoplaneConnectionException.of(this.transport.baseUri(),
					new IOException("the tunnel WebSocket did not connect in time", ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw OctoplaneConnectionException.interrupted(this.transport.baseUri(), ex);
		}
	}

}
