package io.octoplane.protocol.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes the entries of a {@link TarReader} under one folder, adding the rules only the
 * disk can check: nothing is written through a symbolic link that was already in the
 * folder, and a file already there is refused (or replaced, where the caller updates a
 * folder in place). Folder modes are applied by {@link #finish()}, deepest first, so a
 * read-only folder does not stop its own entries.
 */
public final class FolderWriter implements TarReader.Handler {

	private final Path root;

	private final boolean replaceFiles;

	private final Deque<Path> folders = new ArrayDeque<>();

	private final Deque<Integer> folderModes = new ArrayDeque<>();

	/**
	 * Creates a writer; the folder is created if missing.
	 * @param folder the folder entries go under
	 * @param replaceFiles whether a file already in the folder is replaced rather than
	 * refused
	 * @throws IOException if the folder cannot be created
	 */
	public FolderWriter(Path folder, boolean replaceFiles) throws IOException {
		Files.createDirectories(folder);
		this.root = folder.toRealPath();
		this.replaceFiles = replaceFiles;
	}

	@Override
	public void folder(String path, int mode) throws IOException {
		Path target = target(path);
		if (Files.isSymbolicLink(target)) {
			throw new UnsafeArchiveException(path, "a symbolic link is in its place");
		}
		Files.createDirectories(target);
		this.folders.push(target);
		this.folderModes.push(mode);
	}

	@Override
	public void file(String path, int mode, long size, InputStream content) throws IOException {
		Path target = target(path);
		if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
			if (!this.replaceFiles || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
				throw new UnsafeArchiveException(path, "it appears twice");
			}
			// The entry replaces what is there, a link
			// included, never what a link points to.
			Files.delete(target);
		}
		try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE)) {
			content.transferTo(out);
		}
		Files.setPosixFilePermissions(target, TarArchives.toPermissions(mode));
	}

	@Override
	public void link(String path, String target) throws IOException {
		Path link = target(path);
		if (this.replaceFiles && Files.isSymbolicLink(link)) {
			Files.delete(link);
		}
		Files.createSymbolicLink(link, Path.of(target));
	}

	/**
	 * Applies the folders' modes; call once the reader is done.
	 * @throws IOException if a mode cannot be set
	 */
	public void finish() throws IOException {
		while (!this.folders.isEmpty()) {
			Files.setPosixFilePermissions(this.folders.pop(), TarArchives.toPermissions(this.folderModes.pop()));
		}
	}

	private Path target(String path) throws IOException {
		Path target = this.root.resolve(path).normalize();
		if (!target.startsWith(this.root)) {
			throw new UnsafeArchiveException(path, "it points outside the target folder");
		}
		if (!target.equals(this.root)) {
			// Folder by folder, never following a link: a link already in the folder must
			// not carry the entry, or the folders made for it, somewhere else.
			Path current = this.root;
			for (Path part : this.root.relativize(target.getParent())) {
				current = current.resolve(part);
				if (Files.isSymbolicLink(current)) {
					throw new UnsafeArchiveException(path, "it would be written through a symbolic link");
				}
				if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
					Files.createDirectory(current);
				}
			}
		}
		return target;
	}

}
