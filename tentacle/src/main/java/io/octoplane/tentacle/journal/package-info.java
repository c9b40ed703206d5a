/**
 * The tentacle's durable command journal: which command ids it has started, their
 * results, and which results the brain has acknowledged. It is what makes delivery safe
 * across link drops and restarts (kill -9 included): a redelivered command is never run
 * twice, and a result is kept, and resent after every reconnect, until the brain
 * acknowledges it.
 *
 * <h2>Life of an entry</h2> <pre>
 *  (none) --RunCommand--&gt; STARTED --process ended--&gt; FINISHED --ResultAck--&gt; acknowledged
 *     |                     |                                                 |
 *     |                     +--tentacle restarted: result REJECTED ----------&gt;+  pruned after
 *     +--CancelCommand: result CANCELLED, never started ----------------------&gt;+  the retention
 * </pre> One JSON file per command id, named by the SHA-256 of the id (ids come from the
 * network and never become paths), replaced atomically on every change. A file that
 * cannot be read is moved to {@code quarantine/} and its id is never run again.
 */
@NullMarked
package io.octoplane.tentacle.journal;

import org.jspecify.annotations.NullMarked;
