/**
 * The tentacle endpoint: a TLS 1.3 server socket with mandatory client certificates of
 * the node role. Each accepted connection becomes an
 * {@link io.octoplane.brain.agent.AgentSession} that speaks the frames of
 * {@link io.octoplane.protocol.agent} on a virtual thread. The node's name is the CN of
 * its certificate; frames never name their sender.
 */
@NullMarked
package io.octoplane.brain.agent;

import org.jspecify.annotations.NullMarked;
