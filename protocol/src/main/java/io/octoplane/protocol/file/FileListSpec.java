package io.octoplane.protocol.file;

import java.util.Objects;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a {@code file-list} command asks a node to do: list a folder as a tree. The
 * command text is this record as JSON; a bare path (what brains before trees sent) lists
 * one level. The result's stdout is a {@link FileListing} as JSON.
 *
 * @param path the folder, absolute, relative to the workspace or starting with an
 * {@code @} alias
 * @param depth how many levels to list: 1 for the folder's own entries, 0 for every level
 * (bounded by the node's entry limit); at most {@link #MAX_DEPTH}
 */
public record FileListSpec(String path, int depth) {

	/** The deepest listing asked for by number; 0 asks for every level. */
	public static final int MAX_DEPTH = 64;

	public FileListSpec {
		Objects.requireNonNull(path, "path must not be null");
		if (depth < 0 || depth > MAX_DEPTH) {
			throw new IllegalArgumentException("depth must be between 0 (every level) and " + MAX_DEPTH);
		}
	}

	/**
	 * Reads a command text: this record as JSON, or a bare path listed one level deep.
	 * @param text the command text
	 * @param json the mapper
	 * @return the spec
	 * @throws IllegalArgumentException if the JSON is malformed or the depth out of range
	 */
	public static FileListSpec parse(String text, JsonMapper json) {
		if (!text.startsWith("{")) {
			return new FileListSpec(text, 1);
		}
		try {
			return json.readValue(text, FileListSpec.class);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("malformed listing: " + ex.getMessage(), ex);
		}
	}

}
