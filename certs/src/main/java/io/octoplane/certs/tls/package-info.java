/**
 * JSSE {@link javax.net.ssl.SSLContext}s built straight from Octoplane's PEM files, for
 * the parts that do not go through Spring SSL bundles: the tentacle's mutual TLS
 * connection, octl, and tests that need a real handshake.
 */
@NullMarked
package io.octoplane.certs.tls;

import org.jspecify.annotations.NullMarked;
