package io.octoplane.tentacle.config;

import java.nio.file.Path;
import java.util.Objects;

import io.octoplane.tentacle.file.NodePaths;
import org.jspecify.annotations.Nullable;

/**
 * The folders behind the path aliases {@code @root}, {@code @log}, {@code @fstore} and
 * {@code @pakma}, as configured ({@code root:}, and Octopoda's {@code logger.path},
 * {@code workspace.store} and {@code pakma.root}). The workspace's own folder is
 * {@link TentacleConfig#workspace()}.
 *
 * @param root the folder of {@code @root} and {@code OCTOPODA_ROOT}
 * @param log the folder of {@code @log}, or {@code null} for {@code <workspace>/log}
 * @param fstore the folder of {@code @fstore}, or {@code null} for
 * {@code <workspace>/fstore}
 * @param pakma the folder of {@code @pakma}, or {@code null} for
 * {@code <workspace>/pakma}
 */
public record NodeFolders(Path root, @Nullable Path log, @Nullable Path fstore, @Nullable Path pakma) {

	public NodeFolders {
		Objects.requireNonNull(root, "root must not be null");
	}

	/**
	 * The default folders: {@code @root} the home folder of the user the tentacle runs
	 * as, the rest in the workspace.
	 * @return the folders
	 */
	public static NodeFolders defaults() {
		return new NodeFolders(NodePaths.defaultRoot(), null, null, null);
	}

}
