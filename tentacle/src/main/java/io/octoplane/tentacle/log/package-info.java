/**
 * The tentacle's own log: lines go to stdout (for journald and service managers) and to a
 * rolling file in the workspace's {@code @log} folder, daily and by size, kept for
 * {@value io.octoplane.tentacle.log.TentacleLog#RETENTION_DAYS} days; a {@code log-read}
 * command answers with its newest lines. The {@code tentacle} command writes them through
 * a small SLF4J provider of its own
 * ({@link io.octoplane.tentacle.log.TentacleLogProvider}, levels from
 * {@code $OCTOPLANE_LOG_LEVEL}) rather than a logging framework, whose classes would stay
 * resident on every node.
 */
@NullMarked
package io.octoplane.tentacle.log;

import org.jspecify.annotations.NullMarked;
