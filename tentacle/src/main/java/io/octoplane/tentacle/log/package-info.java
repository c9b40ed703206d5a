/**
 * The tentacle's own log: lines go to stdout (for journald and service managers) and to a
 * rolling file in the workspace's {@code @log} folder, daily and by size, kept for
 * {@value io.octoplane.tentacle.log.TentacleLog#RETENTION_DAYS} days; a {@code log-read}
 * command answers with its newest lines.
 */
@NullMarked
package io.octoplane.tentacle.log;

import org.jspecify.annotations.NullMarked;
