/**
 * Properties that point a brain started by {@code @SpringBootTest} at a test Redis and at
 * certificates minted per test JVM, shared by the brain's own tests and the end-to-end
 * tests.
 */
@NullMarked
package io.octoplane.testsupport.brain;

import org.jspecify.annotations.NullMarked;
