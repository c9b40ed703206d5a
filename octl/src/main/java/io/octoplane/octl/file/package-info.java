/**
 * {@code octl file}: upload to nodes, download from them, list their folders, copy from
 * node to node, on {@link io.octoplane.client.FileApi}.
 */
@NullMarked
package io.octoplane.octl.file;

import org.jspecify.annotations.NullMarked;
