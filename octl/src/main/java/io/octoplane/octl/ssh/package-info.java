/**
 * {@code octl ssh}: named SSH logins stored on the brain, and the system OpenSSH client
 * run through a tunnel ({@code ProxyCommand octl ssh proxy NODE}), so nodes behind NAT
 * are reached with the operator's own keys and agent.
 */
@NullMarked
package io.octoplane.octl.ssh;

import org.jspecify.annotations.NullMarked;
