/**
 * The web console at {@code /ui}: server-rendered pages (Thymeleaf, htmx for partial
 * updates, server-sent events for live output, uPlot charts) over the same services and
 * the same workgroup scoping as the REST API. Every text a node supplies is rendered
 * escaped.
 */
@NullMarked
package io.octoplane.brain.console;

import org.jspecify.annotations.NullMarked;
