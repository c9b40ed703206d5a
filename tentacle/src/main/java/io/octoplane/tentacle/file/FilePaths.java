package io.octoplane.tentacle.file;

import java.nio.file.Path;

/**
 * The paths of file commands, resolved where Octopoda's tentacle resolves them: an upload
 * target that is relative lands under {@code @fstore} (Octopoda's workspace store), and
 * {@code ~} is the tentacle user's home; other relative paths (download, listing) resolve
 * in the workspace as {@link NodePaths} does. A path given under an alias or relative to
 * a base must stay below it: {@code @fstore/../../etc} is refused, not followed out of
 * the folder it names. Absolute paths reach anywhere the tentacle may.
 */
final class FilePaths {

	private static final String UPLOAD_BASE = "@fstore";

	private final NodePaths paths;

	private final Path home;

	/**
	 * Creates the resolver.
	 * @param paths resolves aliases and workspace-relative paths
	 * @param home the tentacle user's home, for {@code ~}
	 */
	FilePaths(NodePaths paths, Path home) {
		this.paths = paths;
		this.home = home.toAbsolutePath().normalize();
	}

	/**
	 * Resolves the target folder of an upload.
	 * @param text what the operator wrote
	 * @return the folder
	 * @throws TransferFailedException if the path leaves its base or names an unknown
	 * alias
	 */
	Path target(String text) throws TransferFailedException {
		String path = text.strip();
		if (path.isEmpty() || path.equals(".") || path.equals("./")) {
			return resolve(UPLOAD_BASE, UPLOAD_BASE);
		}
		if (path.equals("~") || path.startsWith("~/")) {
			return within(this.home, this.home.resolve(path.substring(1).replaceFirst("^/+", "")).normalize(), text);
		}
		if (!path.startsWith("/") && !path.startsWith("@")) {
			return resolve(UPLOAD_BASE + "/" + path, text);
		}
		return source(path);
	}

	/**
	 * Resolves the file or folder a download or listing reads.
	 * @param text what the operator wrote
	 * @return the path
	 * @throws TransferFailedException if the path leaves its alias or the workspace, or
	 * names an unknown alias
	 */
	Path source(String text) throws TransferFailedException {
		return resolve(text, text);
	}

	private Path resolve(String path, String given) throws TransferFailedException {
		Path resolved;
		Path base;
		try {
			resolved = this.paths.resolve(path);
			if (path.startsWith("/")) {
				return resolved;
			}
			int slash = path.indexOf('/');
			base = this.paths.resolve(path.startsWith("@") ? ((slash < 0) ? path : path.substring(0, slash)) : ".");
		}
		catch (IllegalArgumentException ex) {
			throw new TransferFailedException(ex.getMessage());
		}
		return within(base, resolved, given);
	}

	private static Path within(Path base, Path resolved, String given) throws TransferFailedException {
		if (!resolved.startsWith(base)) {
			throw new TransferFailedException(
					"path " + given + " leaves " + base + "; name a path outside it absolutely");
		}
		return resolved;
	}

}
