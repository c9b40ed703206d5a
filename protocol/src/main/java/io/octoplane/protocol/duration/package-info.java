/**
 * Durations as operators write them, read the same way by every Octoplane part: octl
 * flags and config, tentacle.yaml, the upgrade launcher, the benchmarks and the servers'
 * own settings.
 */
@NullMarked
package io.octoplane.protocol.duration;

import org.jspecify.annotations.NullMarked;
