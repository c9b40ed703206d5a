package io.octoplane.protocol.agent;

import java.util.Objects;

/**
 * The brain asks the tentacle to open a TCP connection to a service the node can reach
 * (its own sshd, most often) and to join it to an operator's tunnel: the tentacle
 * connects to {@code host:port}, then dials the agent port again and sends
 * {@link TunnelAttach} with the token, after which that data connection carries the
 * tunnel's raw bytes both ways. The node dials out, so this works through NAT.
 *
 * @param token one-time token that names the tunnel waiting in the brain
 * @param host the host to connect to, as the node resolves it
 * @param port the TCP port, 1 to 65535
 */
public record OpenTunnel(String token, String host, int port) implements BrainMessage {

	public OpenTunnel {
		Objects.requireNonNull(token, "token must not be null");
		Objects.requireNonNull(host, "host must not be null");
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port must be between 1 and 65535");
		}
	}

}
