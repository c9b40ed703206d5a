package io.octoplane.protocol.file;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a {@code file-receive} command asks a node to do: fetch a blob from the brain and
 * install it as {@code targetDir/name}, verified and atomically.
 *
 * @param token one-time transfer token for the data connection
 * @param sha256 lower-case hex SHA-256 of the blob; the node checks it before installing
 * @param sizeBytes the blob's size in bytes
 * @param kind whether the blob is a file or a packed folder
 * @param name the file or folder name to create in the target folder; one path segment
 * @param targetDir where to put it: an absolute path, one starting with {@code @root},
 * {@code @workspace}, {@code @log}, {@code @fstore} or {@code @pakma}, {@code ~} for the
 * tentacle user's home, or a path relative to {@code @fstore}
 * @param createTarget whether a missing target folder is created
 * @param mode POSIX permission bits of a single file (for example {@code 0644}); ignored
 * for folders, whose entries carry their own
 */
public record FileReceiveSpec(String token, String sha256, @JsonProperty("size_bytes") long sizeBytes, FileKind kind,
		String name, @JsonProperty("target_dir") String targetDir, @JsonProperty("create_target") boolean createTarget,
		int mode) {

	public FileReceiveSpec {
		Objects.requireNonNull(token, "token must not be null");
		Objects.requireNonNull(sha256, "sha256 must not be null");
		Objects.requireNonNull(kind, "kind must not be null");
		Objects.requireNonNull(targetDir, "targetDir must not be null");
		FileNames.requireSegment(name);
		if (sizeBytes < 0) {
			throw new IllegalArgumentException("sizeBytes must not be negative");
		}
	}

}
