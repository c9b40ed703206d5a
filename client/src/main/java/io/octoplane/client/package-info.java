/**
 * Java SDK of the brain's REST API: {@link io.octoplane.client.OctoplaneClient} speaks
 * HTTPS with the wire records of {@code io.octoplane.protocol.api} and turns RFC 9457
 * problem documents and transport failures into
 * {@link io.octoplane.client.OctoplaneApiException} and
 * {@link io.octoplane.client.OctoplaneConnectionException}. It needs no picocli, so
 * programs and tests can drive a brain without the CLI.
 */
@NullMarked
package io.octoplane.client;

import org.jspecify.annotations.NullMarked;
