/**
 * Online upgrade of a tentacle, in Octopoda's pakma model made safe. A small launcher
 * ({@link io.octoplane.tentacle.upgrade.Launcher}) runs the tentacle as a child process
 * from an upgrade home:
 *
 * <pre>
 * home/releases/&lt;version&gt;   verified packages (sha256 and signature checked on install)
 * home/stable                  version that runs when nothing is being tried
 * home/preview                 version on trial; present only during an upgrade
 * home/healthy                 written by the running tentacle once it reconnected
 * home/history                 one line per install, switch, confirm, cancel, rollback
 *
 *   stable --upgrade v--> preview(v) --confirm (healthy)--> stable(v)
 *                           |  exit, cancel, or not confirmed in time
 *                           +--------------> rollback to stable
 * </pre>
 *
 * The launcher alone decides about rollback, so a preview that hangs or crashes cannot
 * prevent it.
 */
@NullMarked
package io.octoplane.tentacle.upgrade;

import org.jspecify.annotations.NullMarked;
