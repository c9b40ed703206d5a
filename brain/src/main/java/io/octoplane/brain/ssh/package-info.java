/**
 * SSH logins: per workgroup, which node, user and port {@code octl ssh login NAME}
 * reaches through a tunnel. Only where to log in is stored, never a secret: keys and the
 * operator's SSH agent authenticate, end to end with the node's sshd.
 */
@NullMarked
package io.octoplane.brain.ssh;

import org.jspecify.annotations.NullMarked;
