/**
 * Nodeapps on this node: a scenario application's folder
 * ({@code <workspace>/<app>@<scenario>}), kept as a git repository with JGit so that
 * every prepare and commit is a commit that real {@code git} can read, and a reset brings
 * back old files as a new commit instead of rewriting history. Also unpacks the archives
 * the brain ships, refusing any entry that would land outside its folder.
 */
@NullMarked
package io.octoplane.tentacle.nodeapp;

import org.jspecify.annotations.NullMarked;
