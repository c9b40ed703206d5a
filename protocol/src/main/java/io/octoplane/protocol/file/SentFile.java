package io.octoplane.protocol.file;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a node sent to the brain for a {@code file-send} command (its result's stdout).
 *
 * @param sha256 lower-case hex SHA-256 of the blob, as both ends computed it
 * @param sizeBytes the blob's size in bytes
 * @param kind a file, or a folder packed as tar
 * @param name the last segment of the path that was sent
 * @param mode POSIX permission bits of a single file
 */
public record SentFile(String sha256, @JsonProperty("size_bytes") long sizeBytes, FileKind kind, String name,
		int mode) {

	public SentFile {
		Objects.requireNonNull(sha256, "sha256 must not be null");
		Objects.requireNonNull(kind, "kind must not be null");
		FileNames.requireSegment(name);
	}

}
