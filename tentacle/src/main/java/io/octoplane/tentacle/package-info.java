/**
 * The Octoplane tentacle: the agent that runs on every node.
 * {@link io.octoplane.tentacle.Tentacle} ties the features together (connection, command,
 * status, config) and {@link io.octoplane.tentacle.TentacleMain} is its command line.
 *
 * <h2>Life of a tentacle</h2> <pre>
 *  NEW --start()--&gt; DIALING --Welcome--&gt; CONNECTED --link lost--&gt; BACKING_OFF --&gt; DIALING ...
 *                      |                     |
 *                      +--Goodbye(retry=false) or close()--&gt; STOPPED
 * </pre> Commands run on their own virtual threads; their results go out on whichever
 * connection is up when they finish, and wait for the next one if none is.
 */
@NullMarked
package io.octoplane.tentacle;

import org.jspecify.annotations.NullMarked;
