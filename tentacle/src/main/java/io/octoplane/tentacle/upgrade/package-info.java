/**
 * The tentacle's part of online upgrades (the launcher, upgrade home and upgrade commands
 * live in {@code io.octoplane.upgrade}, shared with the brain): downloads use the node's
 * configuration and certificate
 * ({@link io.octoplane.tentacle.upgrade.TentacleReleaseSource}), and a tentacle run by
 * the launcher reports itself healthy once connected
 * ({@link io.octoplane.tentacle.upgrade.HealthReport}), which is what allows an operator
 * to confirm a preview.
 */
@NullMarked
package io.octoplane.tentacle.upgrade;

import org.jspecify.annotations.NullMarked;
