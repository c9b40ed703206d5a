/**
 * The {@code octl} command line: {@link io.octoplane.octl.Octl} is the top command with
 * the global options, each {@code octl <noun> <verb>} lives in the package of its noun,
 * and {@link io.octoplane.octl.ExitStatus} fixes what the exit status means.
 */
@NullMarked
package io.octoplane.octl;

import org.jspecify.annotations.NullMarked;
