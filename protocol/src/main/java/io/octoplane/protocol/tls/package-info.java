/**
 * TLS from PEM files with the JDK alone: {@link io.octoplane.protocol.tls.PemReader}
 * reads certificates and keys, {@link io.octoplane.protocol.tls.PemTls} builds the
 * {@link javax.net.ssl.SSLContext}s every part of Octoplane speaks mutual TLS with.
 */
@NullMarked
package io.octoplane.protocol.tls;

import org.jspecify.annotations.NullMarked;
