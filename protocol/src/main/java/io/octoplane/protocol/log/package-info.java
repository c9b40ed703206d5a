/**
 * Log files of the brain and the tentacle: what a log read asks for, and how both ends
 * name their rolling files and read their last lines, so the brain reading its own log
 * and a tentacle answering for its node follow the same rules and limits.
 */
@NullMarked
package io.octoplane.protocol.log;

import org.jspecify.annotations.NullMarked;
