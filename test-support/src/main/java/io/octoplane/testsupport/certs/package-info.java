/**
 * A test PKI: a CA and the server, node and operator certificates that real-TLS tests
 * need, including the broken ones of the negative mutual-TLS cases.
 */
@NullMarked
package io.octoplane.testsupport.certs;

import org.jspecify.annotations.NullMarked;
