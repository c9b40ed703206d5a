/**
 * {@code octl log get}: the newest lines of the brain's log or of a node's.
 */
@NullMarked
package io.octoplane.octl.log;

import org.jspecify.annotations.NullMarked;
