/**
 * Brain to brain: every brain announces an internal address in Redis and serves its peers
 * there, with TLS 1.3 and brain certificates only (the agent port's SSL bundle). A
 * connection carries one call, a verb with a few arguments, answered {@code ok} or with a
 * reason; after {@code ok} it carries what the verb defines. A brain that lacks a blob
 * another brain holds asks the peers for it by content hash; a tunnel whose parts landed
 * on different brains is relayed between them as raw bytes, one connection per tunnel, so
 * TCP's own flow control is the back-pressure.
 */
@NullMarked
package io.octoplane.brain.peer;

import org.jspecify.annotations.NullMarked;
