/**
 * The node registry: who is connected, from where, how fast, and the host status each
 * node reports in its heartbeats. Stored in Redis so any brain can answer for any node.
 */
@NullMarked
package io.octoplane.brain.node;

import org.jspecify.annotations.NullMarked;
