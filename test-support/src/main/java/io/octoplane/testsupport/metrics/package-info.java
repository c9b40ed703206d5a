/**
 * Reads the Prometheus exposition of a running brain and checks it with promtool where it
 * is installed.
 */
@NullMarked
package io.octoplane.testsupport.metrics;

import org.jspecify.annotations.NullMarked;
