/**
 * Runs what the brain asks for: shell commands, scripts and detached background
 * processes, with bounded output capture and a run timeout that kills the whole process
 * tree, so a runaway command can neither fill the agent's memory nor outlive its limit.
 */
@NullMarked
package io.octoplane.tentacle.command;

import org.jspecify.annotations.NullMarked;
