/**
 * Runs what the brain asks for: shell commands, scripts and detached background
 * processes, with bounded output capture and a run timeout that kills the whole process
 * tree, so a runaway command can neither fill the agent's memory nor outlive its limit. A
 * {@link io.octoplane.tentacle.command.RunControl} cancels a run (killing the tree, or
 * keeping it from starting) and receives its live output, which is buffered boundedly so
 * a slow link never stalls the process.
 */
@NullMarked
package io.octoplane.tentacle.command;

import org.jspecify.annotations.NullMarked;
