/**
 * The {@code http-get} command: a URL fetched from the node's own network, answered as a
 * command result.
 */
@NullMarked
package io.octoplane.tentacle.http;

import org.jspecify.annotations.NullMarked;
