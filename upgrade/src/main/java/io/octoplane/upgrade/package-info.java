/**
 * Online upgrade of a tentacle or a brain, in Octopoda's pakma model made safe. A small
 * launcher ({@link io.octoplane.upgrade.Launcher}) runs the component as a child process
 * from an upgrade home:
 *
 * <pre>
 * home/releases/&lt;version&gt;   verified packages (sha256 and signature checked on install)
 * home/stable                  version that runs when nothing is being tried
 * home/preview                 version on trial; present only during an upgrade
 * home/healthy                 written by the running component once it is up (a
 *                              tentacle once connected, a brain once ready)
 * home/history                 one line per install, switch, confirm, cancel, rollback
 * home/&lt;component&gt;.log        the child's output
 *
 *   stable --upgrade v--> preview(v) --confirm (healthy)--> stable(v)
 *                           |  exit, cancel, or not confirmed in time
 *                           +--------------> rollback to stable
 * </pre>
 *
 * Two supervisors apply the same rules ({@link io.octoplane.upgrade.PreviewTrial}). The
 * brain runs under the Java {@link io.octoplane.upgrade.Launcher}, which decides about
 * rollback alone, so a preview that hangs or crashes cannot prevent it. A tentacle runs
 * under {@code deploy/octoplane-supervise.sh}, a shell loop that costs a node no second
 * JVM: it only dispatches on exit statuses and rolls back a preview that exits, while the
 * tentacle takes the other decisions about itself
 * ({@link io.octoplane.upgrade.TrialWatch}) and exits with
 * {@link io.octoplane.upgrade.TrialWatch#EXIT_SWITCH} when another version is to run. The
 * child finds its home, its version and the release key in the environment variables
 * named in {@link io.octoplane.upgrade.UpgradeHome}. Nothing outlives its supervisor:
 * stopping it stops the child (the launcher kills it after a grace period), and a child
 * whose supervisor was killed outright ends itself
 * ({@link io.octoplane.upgrade.LauncherWatch}, {@link io.octoplane.upgrade.TrialWatch}).
 * Plain Java, no Spring: the tentacle and the brain both run it before anything else.
 */
@NullMarked
package io.octoplane.upgrade;

import org.jspecify.annotations.NullMarked;
