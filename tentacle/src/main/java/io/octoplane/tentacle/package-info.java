/**
 * The Octoplane tentacle: the agent that runs on every node.
 * {@link io.octoplane.tentacle.Tentacle} ties the features together (connection, command,
 * status, config, certificate renewal) and {@link io.octoplane.tentacle.TentacleMain} is
 * its command line, which first enrolls a node that has a join token but no certificate
 * ({@link io.octoplane.tentacle.enroll}).
 *
 * <h2>Life of a tentacle</h2> <pre>
 *  NEW --start()--&gt; DIALING --Welcome--&gt; CONNECTED --link lost--&gt; BACKING_OFF --&gt; DIALING ...
 *                      |                     |
 *                      +--Goodbye(retry=false) or close()--&gt; STOPPED
 * </pre> Commands run on their own virtual threads. Each is journalled as started before
 * its process starts and its result is journalled before it is sent
 * ({@link io.octoplane.tentacle.journal}); results go out on whichever connection is up
 * and are resent, oldest first, right after every Welcome until the brain acknowledges
 * them. A redelivered command is answered from the journal and never runs twice.
 */
@NullMarked
package io.octoplane.tentacle;

import org.jspecify.annotations.NullMarked;
