/**
 * A tentacle as a gateway: it accepts the connections of nodes that cannot reach the
 * brain and relays each over a connection of its own to the brain, without terminating
 * their TLS.
 */
@NullMarked
package io.octoplane.tentacle.gateway;

import org.jspecify.annotations.NullMarked;
