package io.octoplane.protocol.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/tokens}.
 *
 * @param role {@code operator} (an API token acting as the caller's workgroup) or
 * {@code node} (a join token that enrolls new nodes into it)
 * @param ttlSeconds lifetime in seconds
 * @param uses how many enrollments a join token allows (default 1); ignored for operator
 * tokens
 * @param description free text shown in listings, or {@code null}
 */
public record TokenRequest(String role, @JsonProperty("ttl_seconds") long ttlSeconds, @Nullable Integer uses,
		@Nullable String description) {

	public TokenRequest {
		Objects.requireNonNull(role, "role must not be null");
	}

}
