/**
 * Loopback ports handed out once per JVM, for servers whose port a test must know before
 * they start.
 */
@NullMarked
package io.octoplane.testsupport.ports;

import org.jspecify.annotations.NullMarked;
