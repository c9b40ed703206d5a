/**
 * Tools for end-to-end tests that break things on purpose: a brain in a child JVM that
 * can be killed with SIGKILL and started again on the same ports
 * ({@link io.octoplane.e2e.support.BrainProcess}, configured by
 * {@link io.octoplane.e2e.support.BrainArgs}), and a loopback TCP proxy that can sever
 * the network between a tentacle and its brain
 * ({@link io.octoplane.e2e.support.FaultyLink}).
 */
@NullMarked
package io.octoplane.e2e.support;

import org.jspecify.annotations.NullMarked;
