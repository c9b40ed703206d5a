/**
 * Self-registration with the nameserver: a brain that is told where the nameserver is
 * announces its agent address there under a service name and keeps the entry alive, so
 * tentacles and operators find it by name.
 */
@NullMarked
package io.octoplane.brain.discovery;

import org.jspecify.annotations.NullMarked;
