package io.octoplane.protocol.file;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A folder's tree on a node or in the brain's file store (the stdout of a
 * {@code file-list} command). Entries below the top level are named by their path
 * relative to the folder ({@code conf/app.yaml}) and follow their folder.
 *
 * @param path the folder as the node resolved it
 * @param entries its entries in tree order (each folder's entries sorted by name, after
 * the folder), at most the listing limit
 * @param truncated whether entries beyond the limit were left out
 */
public record FileListing(String path, List<Entry> entries, boolean truncated) {

	public FileListing {
		Objects.requireNonNull(path, "path must not be null");
		entries = List.copyOf(entries);
	}

	/**
	 * One folder entry; symbolic links are described, not followed.
	 *
	 * @param name the entry's path relative to the listed folder, {@code /}-separated
	 * @param type {@code file}, {@code directory}, {@code symlink} or {@code other}
	 * @param sizeBytes size of a file in bytes; 0 for others
	 * @param mode POSIX permission bits, as {@code rwxr-xr-x}
	 * @param modified last modification, ISO-8601
	 */
	public record Entry(String name, String type, @JsonProperty("size_bytes") long sizeBytes, String mode,
			String modified) {

	}

}
