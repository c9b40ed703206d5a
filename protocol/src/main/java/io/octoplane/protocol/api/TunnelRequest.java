package io.octoplane.protocol.api;

import java.util.Objects;

/**
 * Body of a tunnel opening: the TCP service the node connects to.
 *
 * @param host the host as the node resolves it, usually {@code 127.0.0.1}
 * @param port the TCP port, 1 to 65535
 */
public record TunnelRequest(String host, int port) {

	public TunnelRequest {
		Objects.requireNonNull(host, "host must not be null");
	}

}
