/**
 * {@code octl tunnel}: forwards a local TCP port to a service a node can reach, through
 * the brain and the node's own outbound connection.
 */
@NullMarked
package io.octoplane.octl.tunnel;

import org.jspecify.annotations.NullMarked;
