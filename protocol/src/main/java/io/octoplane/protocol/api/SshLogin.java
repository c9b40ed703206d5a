package io.octoplane.protocol.api;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How to log in to a node with SSH through the brain: the node, the user and the port of
 * its sshd. There is deliberately no password: keys and the SSH agent authenticate.
 *
 * @param name the login's name, used by {@code octl ssh login NAME}
 * @param node the node whose sshd to reach
 * @param user the remote user, or {@code null} for the local user name
 * @param port the sshd port on the node
 */
public record SshLogin(String name, String node, @Nullable String user, int port) {

	public SshLogin {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(node, "node must not be null");
	}

}
