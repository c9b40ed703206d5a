/**
 * The fleet simulator: thousands of tentacles in one JVM, each with its own node
 * certificate and its own mutual-TLS control connection to a real brain.
 *
 * <p>
 * A {@link io.octoplane.bench.sim.SimulatedTentacle} speaks the agent protocol itself
 * (see {@link io.octoplane.protocol.agent}) rather than wrapping the real tentacle, so
 * that ten thousand of them fit in one heap: no OSHI sampling, no journal on disk, no
 * JGit, one virtual thread reading and one writing heartbeats per connection. What it
 * keeps of the real tentacle is everything the brain can observe: the handshake, the
 * heartbeat pace the brain sets, Started before Result, results resent until
 * acknowledged, a command id never run twice, and jittered reconnects.
 */
@NullMarked
package io.octoplane.bench.sim;

import org.jspecify.annotations.NullMarked;
