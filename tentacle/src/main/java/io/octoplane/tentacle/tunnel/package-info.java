/**
 * Tunnels: the node side of {@code octl ssh} and {@code octl tunnel}. On the brain's
 * request the tentacle connects to a TCP service it can reach and splices that connection
 * to a data connection it dials to the brain, so an operator reaches the node's sshd
 * through NAT without any inbound port on the node.
 */
@NullMarked
package io.octoplane.tentacle.tunnel;

import org.jspecify.annotations.NullMarked;
