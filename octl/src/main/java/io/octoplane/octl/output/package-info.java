/**
 * How octl prints answers: pretty JSON by default (the only thing on stdout, so scripts
 * can pipe it), YAML, or aligned text tables for people.
 */
@NullMarked
package io.octoplane.octl.output;

import org.jspecify.annotations.NullMarked;
