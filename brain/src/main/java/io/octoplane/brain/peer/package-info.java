/**
 * Brain to brain: every brain announces an internal HTTPS address in Redis and serves its
 * peers there, with mutual TLS on brain certificates only (the agent port's SSL bundle).
 * A brain that lacks something another brain holds (a blob uploaded through that brain)
 * asks the peers for it by content hash.
 */
@NullMarked
package io.octoplane.brain.peer;

import org.jspecify.annotations.NullMarked;
