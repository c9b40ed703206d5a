package io.octoplane.protocol.agent;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * First frame of a data connection that joins a tunnel (see {@link OpenTunnel}). Without
 * an error, the connection carries the tunnel's raw bytes from the next byte on, both
 * ways; a half-close (TLS close_notify) ends one direction. With an error the tentacle
 * could not reach the service, and the brain reports the reason to the operator and
 * closes.
 *
 * @param token the token from {@link OpenTunnel}
 * @param error why the service could not be reached, or {@code null} when it was
 */
public record TunnelAttach(String token, @Nullable String error) implements AgentMessage {

	public TunnelAttach {
		Objects.requireNonNull(token, "token must not be null");
	}

}
