/**
 * Revoked node certificates: {@code octl node revoke} adds a certificate's serial to the
 * set in Redis that every brain's agent endpoint checks on each handshake, cuts the
 * node's connection to this brain at once and gives its name back to enrollment.
 */
@NullMarked
package io.octoplane.brain.revocation;

import org.jspecify.annotations.NullMarked;
