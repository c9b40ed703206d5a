/**
 * How Octoplane names its Redis keys, so brain and nameserver data sharing one Redis
 * never collide with each other or with other users of that Redis.
 */
@NullMarked
package io.octoplane.server.redis;

import org.jspecify.annotations.NullMarked;
