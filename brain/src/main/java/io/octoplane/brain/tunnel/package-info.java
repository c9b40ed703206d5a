/**
 * Tunnels through the reverse path: an operator opens one to a TCP service a node can
 * reach (its sshd for {@code octl ssh}, anything for {@code octl tunnel}), the node dials
 * a data connection to this brain, and the operator attaches a WebSocket that carries the
 * bytes. Opening is a plain REST call, so every refusal is a problem document; only the
 * byte stream is a WebSocket.
 *
 * <p>
 * A tunnel is served by the brain that holds the node's control connection, because the
 * node dials that brain back; with several brains the operator's octl must talk to that
 * brain (the refusal names the situation).
 */
@NullMarked
package io.octoplane.brain.tunnel;

import org.jspecify.annotations.NullMarked;
