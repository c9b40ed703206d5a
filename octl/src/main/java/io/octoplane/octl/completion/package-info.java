/**
 * Shell completion scripts for {@code octl}, generated from the same picocli model that
 * parses the command line, so they never lag behind the commands.
 */
@NullMarked
package io.octoplane.octl.completion;

import org.jspecify.annotations.NullMarked;
