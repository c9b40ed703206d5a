/**
 * The nameserver: a registry of services (the brain first) that tentacles and operators
 * query by name, over HTTPS with mutual TLS. Entries live for a TTL unless refreshed.
 * Tentacles remember the last address it gave, so it is never a hard start-up dependency.
 */
@NullMarked
package io.octoplane.nameserver;

import org.jspecify.annotations.NullMarked;
