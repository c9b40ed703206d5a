package io.octoplane.protocol.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/files/fetches}: a node sends a file, or a folder as tar, to
 * the brain's blob store. The job's result output is a {@code SentFile} as JSON, naming
 * the blob to read from {@code /api/v1/files/blobs/{sha256}}.
 *
 * @param node the node
 * @param path the file or folder on it: absolute or starting with an {@code @} alias
 * @param timeoutSeconds transfer time limit, or {@code null} for the brain's default
 * @param waitOfflineSeconds how long the node may take to come back if offline
 */
public record FileFetchRequest(String node, String path, @JsonProperty("timeout_seconds") @Nullable Long timeoutSeconds,
		@JsonProperty("wait_offline_seconds") @Nullable Long waitOfflineSeconds) {

	public FileFetchRequest {
		Objects.requireNonNull(node, "node must not be null");
		Objects.requireNonNull(path, "path must not be null");
	}

}
