/**
 * Servers of this repository in child JVMs that a test can kill with SIGKILL and start
 * again on the same ports ({@link io.octoplane.testsupport.process.BrainProcess},
 * configured by {@link io.octoplane.testsupport.process.BrainArgs}), run from the test
 * class path ({@link io.octoplane.testsupport.process.ChildJvm}), with an AOT cache of
 * the brain made once per test JVM, or from an executable jar.
 */
@NullMarked
package io.octoplane.testsupport.process;

import org.jspecify.annotations.NullMarked;
