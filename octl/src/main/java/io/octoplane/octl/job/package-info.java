/**
 * {@code octl job ...}: read, list, cancel and wait for command jobs, and the waiting and
 * printing that {@code octl cmd run} shares: node rows as results arrive, live output
 * lines, progress notes on a terminal, and the exit status of a finished job.
 */
@NullMarked
package io.octoplane.octl.job;

import org.jspecify.annotations.NullMarked;
