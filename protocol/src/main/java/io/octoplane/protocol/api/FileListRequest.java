package io.octoplane.protocol.api;

import java.util.Objects;

/**
 * Body of {@code POST /api/v1/files/listings}: list a folder of a node. The job's result
 * output is a {@code FileListing} as JSON.
 *
 * @param node the node
 * @param path the folder: absolute or starting with an {@code @} alias
 */
public record FileListRequest(String node, String path) {

	public FileListRequest {
		Objects.requireNonNull(node, "node must not be null");
		Objects.requireNonNull(path, "path must not be null");
	}

}
