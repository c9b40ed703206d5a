/**
 * {@code octl napp}: the nodeapps on one node, a nodeapp's git history as the node holds
 * it, and resetting one nodeapp to an earlier commit.
 */
@NullMarked
package io.octoplane.octl.napp;

import org.jspecify.annotations.NullMarked;
