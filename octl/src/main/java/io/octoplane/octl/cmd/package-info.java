/**
 * {@code octl cmd ...}: run shell commands, background processes and local scripts on
 * nodes and report each node's result.
 */
@NullMarked
package io.octoplane.octl.cmd;

import org.jspecify.annotations.NullMarked;
