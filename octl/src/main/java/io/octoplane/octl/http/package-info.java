/**
 * {@code octl http}: fetching URLs from a node's own network.
 */
@NullMarked
package io.octoplane.octl.http;

import org.jspecify.annotations.NullMarked;
