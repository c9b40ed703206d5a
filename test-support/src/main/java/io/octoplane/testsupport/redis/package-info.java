/**
 * A real redis-server for tests: a child process on a free loopback port, as a JUnit 5
 * extension, alone or as a three-node Redis Cluster.
 */
@NullMarked
package io.octoplane.testsupport.redis;

import org.jspecify.annotations.NullMarked;
