package io.octoplane.protocol.api;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A token. The secret itself ({@code token}) is present only in the answer that created
 * it; the brain keeps only its hash.
 *
 * @param id the token's id, for listing and revoking
 * @param token the secret, only when just created
 * @param role {@code operator} or {@code node}
 * @param workgroup the workgroup it acts in or enrolls into
 * @param expiresAt when it stops working
 * @param usesLeft enrollments left (join tokens), or {@code null}
 * @param description free text, or {@code null}
 * @param createdBy who created it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(String id, @Nullable String token, String role, String workgroup,
		@JsonProperty("expires_at") Instant expiresAt, @JsonProperty("uses_left") @Nullable Integer usesLeft,
		@Nullable String description, @JsonProperty("created_by") String createdBy) {

	public TokenResponse {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(role, "role must not be null");
		Objects.requireNonNull(workgroup, "workgroup must not be null");
		Objects.requireNonNull(expiresAt, "expiresAt must not be null");
		Objects.requireNonNull(createdBy, "createdBy must not be null");
	}

	@Override
	public String toString() {
		return "TokenResponse[id=" + this.id + ", role=" + this.role + ", workgroup=" + this.workgroup + "]";
	}

}
