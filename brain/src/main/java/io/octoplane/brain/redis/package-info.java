/**
 * Redis access and, for a newcomer without a Redis, a local redis-server child process
 * with its data in the brain's data folder.
 */
@NullMarked
package io.octoplane.brain.redis;

import org.jspecify.annotations.NullMarked;
