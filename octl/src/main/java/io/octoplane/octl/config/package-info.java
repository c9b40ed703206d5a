/**
 * The octl configuration file: where it is looked for, what it holds (brain URL, CA,
 * exactly one way to log in: operator certificate and key, workgroup password or API
 * token; the acting workgroup, default command timeout) and how it is validated, so a bad
 * setup fails with one clear message before any request is made. {@code octl wg cd}
 * rewrites its {@code workgroup} line in place; one file may name several brains as
 * contexts, and {@code octl config use-context} rewrites its {@code context} line.
 * Durations typed on the command line follow the same rules as the file's.
 */
@NullMarked
package io.octoplane.octl.config;

import org.jspecify.annotations.NullMarked;
