package io.octoplane.protocol.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A blob in the brain's store, answer of {@code POST /api/v1/files/blobs}.
 *
 * @param sha256 lower-case hex SHA-256 of its content, which is also its name
 * @param sizeBytes its size in bytes
 */
public record BlobResponse(String sha256, @JsonProperty("size_bytes") long sizeBytes) {

	public BlobResponse {
		Objects.requireNonNull(sha256, "sha256 must not be null");
	}

}
