/**
 * The single error model of the REST API: every failure is an RFC 9457 problem document
 * whose {@code code} member is an {@link io.octoplane.protocol.ErrorCode} slug.
 */
@NullMarked
package io.octoplane.brain.web;

import org.jspecify.annotations.NullMarked;
