/**
 * Each node's status history: a bounded, downsampled record of its heartbeats in Redis (a
 * point a minute for a day, a point a quarter hour for a week), written from the
 * heartbeat path at most once a minute per node and read by the REST API and the
 * console's charts.
 */
@NullMarked
package io.octoplane.brain.history;

import org.jspecify.annotations.NullMarked;
