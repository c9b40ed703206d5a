package io.octoplane.tentacle.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Resolves the paths operators give for a node: absolute, relative to the workspace, or
 * starting with an alias: {@code @root} (/), {@code @workspace}, {@code @log},
 * {@code @fstore} and {@code @pakma} (the last three are folders of those names in the
 * workspace).
 */
public final class NodePaths {

	private final Map<String, Path> aliases;

	private final Path workspace;

	/**
	 * Creates the resolver.
	 * @param workspace the tentacle's workspace
	 */
	public NodePaths(Path workspace) {
		this.workspace = workspace.toAbsolutePath().normalize();
		this.aliases = Map.of("@root", Path.of("/"), "@workspace", this.workspace, "@log",
				this.workspace.resolve("log"), "@fstore", this.workspace.resolve("fstore"), "@pakma",
				this.workspace.resolve("pakma"));
	}

	/**
	 * Creates the workspace folders the aliases name ({@code @log}, {@code @fstore},
	 * {@code @pakma}), so a path such as {@code @fstore/model.bin} works on a node that
	 * never received a file.
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

}
