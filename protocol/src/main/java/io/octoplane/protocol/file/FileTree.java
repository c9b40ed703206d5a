package io.octoplane.protocol.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists a folder as a tree, as Octopoda's {@code file ls} does: depth first, each
 * folder's entries sorted by name right after the folder, symbolic links described and
 * never followed, bounded in depth and in entries. Tentacles list their folders this way,
 * the brain its file store.
 */
public final class FileTree {

	/** The most entries one listing holds; the rest is reported as truncated. */
	public static final int MAX_ENTRIES = 5000;

	private FileTree() {
	}

	/**
	 * Lists a folder.
	 * @param folder the folder
	 * @param depth levels to list, 1 for the folder's own entries, 0 for every level
	 * @return the listing, named as {@code folder}
	 * @throws NoSuchFileException if the folder does not exist
	 * @throws NotDirectoryException if it is no folder
	 * @throws IOException if it cannot be read
	 */
	public static FileListing list(Path folder, int depth) throws IOException {
		if (!Files.isDirectory(folder)) {
			if (Files.exists(folder)) {
				throw new NotDirectoryException(folder.toString());
			}
			throw new NoSuchFileException(folder.toString());
		}
		if (depth < 0) {
			throw new IllegalArgumentException("depth must not be negative");
		}
		List<FileListing.Entry> entries = new ArrayList<>();
		boolean complete = walk(folder, "", (depth == 0) ? Integer.MAX_VALUE : depth, entries);
		return new FileListing(folder.toString(), entries, !complete);
	}

	private static boolean walk(Path folder, String prefix, int levels, List<FileListing.Entry> entries)
			throws IOException {
		List<Path> children = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
			stream.forEach(children::add);
		}
		children.sort(null);
		for (Path path : children) {
			if (entries.size() == MAX_ENTRIES) {
				return false;
			}
			PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			String type = attributes.isSymbolicLink() ? "symlink"
					: attributes.isDirectory() ? "directory" : attributes.isRegularFile() ? "file" : "other";
			String name = prefix + path.getFileName();
			entries.add(new FileListing.Entry(name, type, attributes.isRegularFile() ? attributes.size() : 0,
					PosixFilePermissions.toString(attributes.permissions()),
					attributes.lastModifiedTime().toInstant().toString()));
			if (attributes.isDirectory() && levels > 1 && Files.isReadable(path)
					&& !walk(path, name + "/", levels - 1, entries)) {
				return false;
			}
		}
		return true;
	}

}
