/**
 * Command jobs and their delivery, with steward's promise: a command sent to a node that
 * is offline or on a broken link is delivered when the node comes back (within its
 * deadline), runs exactly once, and its result is never lost.
 *
 * <p>
 * How: a job and the state of each target are written to Redis before the caller hears
 * "accepted" and before anything is sent. Each node has a queue (a Redis stream) of the
 * jobs waiting for it, replayed in order whenever it connects. State changes go through
 * one atomic script, so two brains, or a result racing a deadline, cannot both win. The
 * tentacle journals what it started and what it finished, so a redelivered command is
 * answered from the journal rather than run again; a result is acknowledged only after it
 * is stored here, and the tentacle resends unacknowledged results after every reconnect.
 */
@NullMarked
package io.octoplane.brain.job;

import org.jspecify.annotations.NullMarked;
