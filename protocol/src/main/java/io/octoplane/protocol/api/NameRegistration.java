package io.octoplane.protocol.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code PUT /api/v1/names/{name}} on the nameserver: a service announces where
 * it is, and repeats the call before the TTL runs out to stay listed.
 *
 * @param kind what the service is, for example {@code brain}
 * @param addresses where to reach it, {@code host:port}, preferred first; at least one
 * @param metadata free key/value pairs, for example the brain's API address; may be
 * {@code null} for none
 * @param ttlSeconds how long the entry lives without a refresh, seconds; positive
 */
public record NameRegistration(String kind, List<String> addresses, @Nullable Map<String, String> metadata,
		@JsonProperty("ttl_seconds") long ttlSeconds) {

	public NameRegistration {
		Objects.requireNonNull(kind, "kind must not be null");
		addresses = List.copyOf(addresses);
		metadata = (metadata != null) ? Map.copyOf(metadata) : Map.of();
	}

}
