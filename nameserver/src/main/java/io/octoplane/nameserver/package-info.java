/**
 * The nameserver: tells tentacles and operators where the brain is, and (in later
 * releases) stores release packages for online upgrades. Tentacles remember the last
 * address it gave, so it is never a hard start-up dependency.
 */
@NullMarked
package io.octoplane.nameserver;

import org.jspecify.annotations.NullMarked;
