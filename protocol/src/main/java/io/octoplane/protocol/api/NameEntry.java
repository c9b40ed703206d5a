package io.octoplane.protocol.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A live entry of the nameserver.
 *
 * @param name the entry's name, for example {@code brain}
 * @param kind what the service is, for example {@code brain}
 * @param addresses where to reach it, {@code host:port}, preferred first
 * @param metadata free key/value pairs given at registration
 * @param registeredBy the common name of the certificate that registered it last
 * @param updatedAt when it was registered or refreshed last
 * @param expiresAt when it disappears unless refreshed
 */
public record NameEntry(String name, String kind, List<String> addresses, Map<String, String> metadata,
		@JsonProperty("registered_by") String registeredBy, @JsonProperty("updated_at") Instant updatedAt,
		@JsonProperty("expires_at") Instant expiresAt) {

	public NameEntry {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(kind, "kind must not be null");
		addresses = List.copyOf(addresses);
		metadata = (metadata != null) ? Map.copyOf(metadata) : Map.of();
		Objects.requireNonNull(registeredBy, "registeredBy must not be null");
		Objects.requireNonNull(updatedAt, "updatedAt must not be null");
		Objects.requireNonNull(expiresAt, "expiresAt must not be null");
	}

}
