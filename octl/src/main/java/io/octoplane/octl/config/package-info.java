/**
 * The octl configuration file: where it is looked for, what it holds (brain URL, operator
 * certificate, key and CA, default command timeout) and how it is validated, so a bad
 * setup fails with one clear message before any request is made. Durations typed on the
 * command line follow the same rules as the file's.
 */
@NullMarked
package io.octoplane.octl.config;

import org.jspecify.annotations.NullMarked;
