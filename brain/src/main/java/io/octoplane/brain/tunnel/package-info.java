/**
 * Tunnels through the reverse path: an operator opens one to a TCP service a node can
 * reach (its sshd for {@code octl ssh}, anything for {@code octl tunnel}), the node dials
 * a data connection to the agent port, and the operator attaches a WebSocket that carries
 * the bytes. Opening is a plain REST call, so every refusal is a problem document; only
 * the byte stream is a WebSocket.
 *
 * <p>
 * With several brains the three parts may land on three brains. The tunnel lives on the
 * brain that took the request (its home, recorded in Redis); that brain sends the request
 * to the node itself or through the peer port of the brain that holds the node; a data
 * connection or WebSocket that lands elsewhere is relayed to the home over the peer port,
 * one TLS connection per tunnel, with blocking copies so the slowest reader sets the
 * pace.
 */
@NullMarked
package io.octoplane.brain.tunnel;

import org.jspecify.annotations.NullMarked;
