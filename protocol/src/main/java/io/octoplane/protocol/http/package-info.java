/**
 * Fetching a URL from a node's own network as a job: what the brain asks for
 * ({@link io.octoplane.protocol.http.HttpGetSpec}) and what the node answers
 * ({@link io.octoplane.protocol.http.HttpGetResult}).
 */
@NullMarked
package io.octoplane.protocol.http;

import org.jspecify.annotations.NullMarked;
