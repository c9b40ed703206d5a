package io.octoplane.protocol.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/files/fetches}: a node sends a file, or a folder as tar, to
 * the brain's blob store. The job's result output is a {@code SentFile} as JSON, naming
 * the blob to read from {@code /api/v1/files/blobs/{sha256}}.
 *
 * With several nodes ({@code targets}, or a {@code node} that is an {@code @group} or
 * {@code ALL}) each node sends its own copy and has its own result.
 *
 * @param node the node, when one is named
 * @param path the file or folder on it: absolute, relative to the workspace, or starting
 * with an {@code @} alias
 * @param timeoutSeconds transfer time limit, or {@code null} for the brain's default
 * @param waitOfflineSeconds how long the node may take to come back if offline
 * @param targets node names, {@code @group}s or {@code ALL}, instead of {@code node}
 */
public record FileFetchRequest(@Nullable String node, String path,
		@JsonProperty("timeout_seconds") @Nullable Long timeoutSeconds,
		@JsonProperty("wait_offline_seconds") @Nullable Long waitOfflineSeconds, @Nullable List<String> targets) {

	public FileFetchRequest {
		Objects.requireNonNull(path, "path must not be null");
		targets = (targets != null) ? List.copyOf(targets) : null;
		if (node == null && (targets == null || targets.isEmpty())) {
			throw new IllegalArgumentException("node or targets must name a node");
		}
	}

	/**
	 * Fetches from one node.
	 * @param node the node
	 * @param path the file or folder on it
	 * @param timeoutSeconds transfer time limit, or {@code null} for the brain's default
	 * @param waitOfflineSeconds how long the node may take to come back if offline
	 */
	public FileFetchRequest(String node, String path, @Nullable Long timeoutSeconds,
			@Nullable Long waitOfflineSeconds) {
		this(node, path, timeoutSeconds, waitOfflineSeconds, null);
	}

	/** The nodes to fetch from: {@code targets}, else {@code node}. */
	public List<String> nodes() {
		return (this.targets != null && !this.targets.isEmpty()) ? this.targets
				: List.of(Objects.requireNonNull(this.node));
	}

}
