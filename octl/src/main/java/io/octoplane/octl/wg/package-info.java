/**
 * {@code octl wg}: workgroups, their nodes, children and passwords.
 */
@NullMarked
package io.octoplane.octl.wg;

import org.jspecify.annotations.NullMarked;
