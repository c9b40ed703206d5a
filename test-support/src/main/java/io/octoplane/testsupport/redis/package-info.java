/**
 * A real Redis for tests on free loopback ports, as JUnit 5 extensions, alone or as a
 * three-master Redis Cluster: child redis-server processes, or containers where a Docker
 * engine answers ({@link io.octoplane.testsupport.redis.RedisMode}).
 */
@NullMarked
package io.octoplane.testsupport.redis;

import org.jspecify.annotations.NullMarked;
