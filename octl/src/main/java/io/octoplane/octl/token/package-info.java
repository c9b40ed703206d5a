/**
 * {@code octl token}: API tokens for scripts and join tokens for new nodes.
 */
@NullMarked
package io.octoplane.octl.token;

import org.jspecify.annotations.NullMarked;
