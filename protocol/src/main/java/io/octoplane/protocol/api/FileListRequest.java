package io.octoplane.protocol.api;

import java.util.List;
import java.util.Objects;

import io.octoplane.protocol.file.FileListSpec;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/files/listings}: list a folder of nodes as a tree. The
 * job's result output per node is a {@code FileListing} as JSON.
 *
 * @param node the node, when one is listed
 * @param path the folder: absolute, relative to the workspace, or starting with an
 * {@code @} alias
 * @param depth levels to list: 1 for the folder's own entries, 0 or {@code null} for
 * every level (bounded by the node's entry limit), at most {@link FileListSpec#MAX_DEPTH}
 * @param targets node names, {@code @group}s or {@code ALL}, instead of {@code node}
 */
public record FileListRequest(@Nullable String node, String path, @Nullable Integer depth,
		@Nullable List<String> targets) {

	public FileListRequest {
		Objects.requireNonNull(path, "path must not be null");
		targets = (targets != null) ? List.copyOf(targets) : null;
		if (node == null && (targets == null || targets.isEmpty())) {
			throw new IllegalArgumentException("node or targets must name a node");
		}
	}

	/** The nodes to list: {@code targets}, else {@code node}. */
	public List<String> nodes() {
		return (this.targets != null && !this.targets.isEmpty()) ? this.targets
				: List.of(Objects.requireNonNull(this.node));
	}

}
