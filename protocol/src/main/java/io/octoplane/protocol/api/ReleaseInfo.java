package io.octoplane.protocol.api;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A release stored on the nameserver.
 *
 * @param component {@code tentacle} or {@code brain}
 * @param version the release's version
 * @param sha256 the package's SHA-256, lower-case hex; the package is stored under it
 * @param sizeBytes the package's size, bytes
 * @param signature the release signature, Base64, for clients to verify themselves
 * @param uploadedBy the common name of the operator certificate that uploaded it
 * @param uploadedAt when it was uploaded
 */
public record ReleaseInfo(String component, String version, String sha256, @JsonProperty("size_bytes") long sizeBytes,
		String signature, @JsonProperty("uploaded_by") String uploadedBy,
		@JsonProperty("uploaded_at") Instant uploadedAt) {

	public ReleaseInfo {
		Objects.requireNonNull(component, "component must not be null");
		Objects.requireNonNull(version, "version must not be null");
		Objects.requireNonNull(sha256, "sha256 must not be null");
		Objects.requireNonNull(signature, "signature must not be null");
		Objects.requireNonNull(uploadedBy, "uploadedBy must not be null");
		Objects.requireNonNull(uploadedAt, "uploadedAt must not be null");
		if (sizeBytes < 0) {
			throw new IllegalArgumentException("sizeBytes must not be negative");
		}
	}

}
