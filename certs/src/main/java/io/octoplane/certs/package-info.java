/**
 * Octoplane's public key infrastructure: a certificate authority held in memory, the
 * certificates it issues for each {@link io.octoplane.certs.CertificateRole role}, CSR
 * signing for enrollment, and PEM file I/O.
 *
 * <p>
 * A certificate's role is carried twice, in the subject OU and in the extended key usage,
 * and {@link io.octoplane.certs.CertificateRole#of} only accepts a certificate when both
 * agree. That way a CA-signed operator or server certificate can never pass as a node and
 * vice versa, and the identity of a peer is always the subject CN, never a name it
 * claims.
 *
 * <p>
 * Nothing here registers a JCA provider: BouncyCastle is used for ASN.1 and certificate
 * building, keys and signatures come from the JDK's own providers, except where
 * {@link io.octoplane.certs.FleetTrustManager} verifies a CA's signature on a client
 * certificate, which Bouncy Castle does much faster.
 */
@NullMarked
package io.octoplane.certs;

import org.jspecify.annotations.NullMarked;
