/**
 * The octl daemon: a per-user process that keeps a warm JVM and warm TLS connections to
 * the brain, so an {@code octl} call costs a JVM start and one local socket round trip
 * instead of a cold TLS handshake, class loading and command-model building. The front
 * end ({@link io.octoplane.octl.daemon.DaemonFront}) is what the {@code octl} launcher
 * runs; it hands the call to the daemon over a private Unix socket and prints what comes
 * back, and runs octl in its own process when no daemon answers (starting one for the
 * next call). Set {@code OCTL_DAEMON=off} to never use it.
 */
@NullMarked
package io.octoplane.octl.daemon;

import org.jspecify.annotations.NullMarked;
