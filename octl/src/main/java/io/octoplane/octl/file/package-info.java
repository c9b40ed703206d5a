/**
 * {@code octl file}: upload to nodes, download from them, list their folders, copy from
 * node to node, on {@link io.octoplane.octl.sdk.FileApi}.
 */
@NullMarked
package io.octoplane.octl.file;

import org.jspecify.annotations.NullMarked;
