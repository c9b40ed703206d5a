/**
 * Tools for end-to-end tests of the nameserver and of upgrades: a nameserver in a child
 * JVM and the upgrade command line run in-process.
 */
@NullMarked
package io.octoplane.e2e.support;

import org.jspecify.annotations.NullMarked;
