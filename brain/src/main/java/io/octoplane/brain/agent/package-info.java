/**
 * The tentacle endpoint: TLS 1.3 with mandatory client certificates of the node role,
 * layered over buffered TCP sockets ({@code AgentTls}) so a record costs one read. Each
 * accepted connection is served on a virtual thread by the {@code FirstFrameRouter}: a
 * turn at the {@code HandshakeAdmission}, the {@code NodeHandshake}, then by its first
 * frame an {@link io.octoplane.brain.agent.AgentSession} (control), a file transfer or a
 * tunnel. The connection's {@code LinkState} and its one {@code FrameWriter} live in its
 * {@code AgentLink}. The node's name is the CN of its certificate; frames never name
 * their sender. The package depends on no feature: the node registry, revocations, jobs,
 * transfers and tunnels plug in through {@link io.octoplane.brain.agent.NodePresence},
 * {@link io.octoplane.brain.agent.RevokedCertificates},
 * {@link io.octoplane.brain.agent.AgentListener},
 * {@link io.octoplane.brain.agent.DataConnectionHandler} and
 * {@link io.octoplane.brain.agent.TunnelEndpoint}.
 */
@NullMarked
package io.octoplane.brain.agent;

import org.jspecify.annotations.NullMarked;
