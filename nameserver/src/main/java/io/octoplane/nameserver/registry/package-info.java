/**
 * The registry: entries with a name, kind, addresses and metadata, kept in Redis until
 * their TTL runs out; register, query, list by prefix, suffix or substring, summary.
 */
@NullMarked
package io.octoplane.nameserver.registry;

import org.jspecify.annotations.NullMarked;
