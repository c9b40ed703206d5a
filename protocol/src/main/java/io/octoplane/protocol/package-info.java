/**
 * Records and constants shared by every Octoplane part: error codes, REST paths, default
 * ports and the protocol version. Nothing here depends on Spring or on any other
 * Octoplane module, so the brain, the tentacle, octl and third-party tools can all speak
 * it. The small rules every part must apply alike live here too, one copy each, in
 * packages named for what they do: {@code duration}, {@code retry}, {@code digest},
 * {@code workgroup} and the tar reader in {@code file}.
 */
@NullMarked
package io.octoplane.protocol;

import org.jspecify.annotations.NullMarked;
