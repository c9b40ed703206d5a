/**
 * {@code octl nameserver} ({@code octl ns}): reads the nameserver's registry with the
 * operator certificate of the octl config.
 */
@NullMarked
package io.octoplane.octl.ns;

import org.jspecify.annotations.NullMarked;
