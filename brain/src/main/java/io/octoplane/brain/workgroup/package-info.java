/**
 * Workgroups, as in Octopoda: a tree of paths, each with the set of nodes it may see and
 * target. The root workgroup {@code /} sees every node; a workgroup below sees only the
 * nodes its parent gave it. Whatever a workgroup may not see answers exactly like
 * something that does not exist, so names do not leak between workgroups.
 */
@NullMarked
package io.octoplane.brain.workgroup;

import org.jspecify.annotations.NullMarked;
