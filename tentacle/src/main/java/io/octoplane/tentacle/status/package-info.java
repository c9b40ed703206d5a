/**
 * Host metrics for heartbeats, read through OSHI so the same code works on Linux, macOS
 * and Windows nodes.
 */
@NullMarked
package io.octoplane.tentacle.status;

import org.jspecify.annotations.NullMarked;
