/**
 * Request and response records of the brain's REST API
 * ({@link io.octoplane.protocol.ApiPaths}). JSON member names follow Octopoda's
 * ({@code snake_case}) so scripts written against Octopoda's {@code octl} output keep
 * working. Times are ISO-8601 instants in UTC.
 */
@NullMarked
package io.octoplane.protocol.api;

import org.jspecify.annotations.NullMarked;
