/**
 * What a benchmark runs against: a real redis-server, a real brain in a child JVM started
 * from its executable jar, the fleet simulator, and the client SDK as the operator's
 * client, plus readings of the brain process from {@code /proc} and its actuator.
 */
@NullMarked
package io.octoplane.bench.harness;

import org.jspecify.annotations.NullMarked;
