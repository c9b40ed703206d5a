/**
 * Waiting between attempts: the one backoff used by tentacles redialling the brain,
 * transfers resuming, octl polling a job and the benchmark's simulated tentacles.
 */
@NullMarked
package io.octoplane.protocol.retry;

import org.jspecify.annotations.NullMarked;
