/**
 * Java SDK of the brain's REST API: {@link io.octoplane.octl.sdk.OctoplaneClient} speaks
 * HTTPS with the wire records of {@code io.octoplane.protocol.api} and turns RFC 9457
 * problem documents and transport failures into
 * {@link io.octoplane.octl.sdk.OctoplaneApiException} and
 * {@link io.octoplane.octl.sdk.OctoplaneConnectionException}. It needs no picocli, so
 * programs and tests can drive a brain without the CLI.
 */
@NullMarked
package io.octoplane.octl.sdk;

import org.jspecify.annotations.NullMarked;
