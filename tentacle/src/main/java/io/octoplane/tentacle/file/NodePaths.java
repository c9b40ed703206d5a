package io.octoplane.tentacle.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The node's named folders and the paths operators give for a node: absolute, relative to
 * the workspace, or starting with an alias: {@code @root}, {@code @workspace},
 * {@code @log}, {@code @fstore} and {@code @pakma}. Scripts see the same folders as
 * {@code OCTOPODA_ROOT}, {@code OCTOPODA_WORKSPACE} and so on, so a file uploaded to
 * {@code @fstore} is where {@code $OCTOPODA_FSTORE} points.
 * <p>
 * {@code @root} is, as in Octopoda, the home folder of the user the tentacle runs as
 * ({@code /root} for a tentacle run as root) unless the configuration names another; the
 * other three are folders of those names in the workspace unless configured.
 */
public final class NodePaths {

	private final Map<String, Path> aliases;

	private final Path workspace;

	/**
	 * Creates the resolver with the default folders.
	 * @param workspace the tentacle's workspace
	 */
	public NodePaths(Path workspace) {
		this(workspace, defaultRoot(), null, null, null);
	}

	/**
	 * Creates the resolver with configured folders.
	 * @param workspace the tentacle's workspace
	 * @param root the folder of {@code @root}
	 * @param log the folder of {@code @log}, or {@code null} for {@code <workspace>/log}
	 * @param fstore the folder of {@code @fstore}, or {@code null} for
	 * {@code <workspace>/fstore}
	 * @param pakma the folder of {@code @pakma}, or {@code null} for
	 * {@code <workspace>/pakma}
	 */
	public NodePaths(Path workspace, Path root, @Nullable Path log, @Nullable Path fstore, @Nullable Path pakma) {
		this.workspace = workspace.toAbsolutePath().normalize();
		this.aliases = Map.of("@root", absolute(root), "@workspace", this.workspace, "@log",
				(log != null) ? absolute(log) : this.workspace.resolve("log"), "@fstore",
				(fstore != null) ? absolute(fstore) : this.workspace.resolve("fstore"), "@pakma",
				(pakma != null) ? absolute(pakma) : this.workspace.resolve("pakma"));
	}

	/**
	 * The default folder of {@code @root}: the home folder of the user the tentacle runs
	 * as.
	 * @return the folder
	 */
	public static Path defaultRoot() {
		return Path.of(System.getProperty("user.home", "/")).toAbsolutePath().normalize();
	}

	/**
	 * The folder of {@code @root}.
	 * @return the absolute folder
	 */
	public Path root() {
		return this.aliases.get("@root");
	}

	/**
	 * The workspace, folder of {@code @workspace} and of relative paths.
	 * @return the absolute folder
	 */
	public Path workspace() {
		return this.workspace;
	}

	/**
	 * The folder of {@code @log}, which also holds the tentacle's own log.
	 * @return the absolute folder
	 */
	public Path log() {
		return this.aliases.get("@log");
	}

	/**
	 * The folder of {@code @fstore}.
	 * @return the absolute folder
	 */
	public Path fstore() {
		return this.aliases.get("@fstore");
	}

	/**
	 * The folder of {@code @pakma}.
	 * @return the absolute folder
	 */
	public Path pakma() {
		return this.aliases.get("@pakma");
	}

	/**
	 * Creates the folders {@code @log}, {@code @fstore} and {@code @pakma} name, so a
	 * path such as {@code @fstore/model.bin} works on a node that never received a file.
	 * @throws IOException if a folder cannot be created
	 */
	public void createAliasFolders() throws IOException {
		for (String alias : List.of("@log", "@fstore", "@pakma")) {
			Files.createDirectories(this.aliases.get(alias));
		}
	}

	/**
	 * Resolves a path.
	 * @param text what the operator wrote
	 * @return the absolute, normalized path
	 * @throws IllegalArgumentException for an unknown alias
	 */
	public Path resolve(String text) {
		if (text.startsWith("@")) {
			int slash = text.indexOf('/');
			String alias = (slash < 0) ? text : text.substring(0, slash);
			Path base = this.aliases.get(alias);
			if (base == null) {
				throw new IllegalArgumentException(
						"unknown path alias " + alias + " (known: @root, @workspace, @log, @fstore, @pakma)");
			}
			String rest = (slash < 0) ? "" : text.substring(slash + 1);
			return rest.isEmpty() ? base : base.resolve(rest).normalize();
		}
		return this.workspace.resolve(text).normalize();
	}

	private static Path absolute(Path path) {
		return path.toAbsolutePath().normalize();
	}

}
