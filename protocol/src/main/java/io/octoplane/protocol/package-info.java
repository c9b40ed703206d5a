/**
 * Records and constants shared by every Octoplane part: error codes, REST paths, default
 * ports and the protocol version. Nothing here depends on Spring or on any other
 * Octoplane module, so the brain, the tentacle, octl and third-party tools can all speak
 * it.
 */
@NullMarked
package io.octoplane.protocol;

import org.jspecify.annotations.NullMarked;
