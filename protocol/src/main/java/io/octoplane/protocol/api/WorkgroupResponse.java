package io.octoplane.protocol.api;

import java.util.List;
import java.util.Objects;

/**
 * A workgroup: a path in the workgroup tree, the nodes it may see and target, and its
 * direct children. The root workgroup {@code /} sees every node.
 *
 * @param path absolute path such as {@code /lab/pis}
 * @param nodes names of its nodes, sorted
 * @param children absolute paths of its direct children, sorted
 */
public record WorkgroupResponse(String path, List<String> nodes, List<String> children) {

	public WorkgroupResponse {
		Objects.requireNonNull(path, "path must not be null");
		nodes = List.copyOf(nodes);
		children = List.copyOf(children);
	}

}
