/**
 * {@code octl log get}: the newest lines of the brain's own rolling log file (root
 * workgroup only) and of a node's, which its tentacle reads itself when asked with a
 * {@code log-read} command on the durable command path.
 */
@NullMarked
package io.octoplane.brain.log;

import org.jspecify.annotations.NullMarked;
