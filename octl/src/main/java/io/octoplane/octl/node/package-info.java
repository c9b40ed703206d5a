/**
 * {@code octl node ...}: list nodes, read their host status, prune offline ones.
 */
@NullMarked
package io.octoplane.octl.node;

import org.jspecify.annotations.NullMarked;
