package io.octoplane.protocol.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Folders as tar streams (POSIX/PAX format, so long names and large files fit): entries
 * are relative to the folder, {@code ./} first, with their permission bits. Unpacking is
 * where the safety rules live, the same on every receiving end: no absolute names, no
 * {@code ..}, no entry written through a symbolic link, symbolic links only to relative
 * targets inside the folder, no hard links or device files, no set-uid bits. A stream
 * that breaks a rule fails with {@link UnsafeArchiveException} and the caller discards
 * the partly unpacked folder.
 */
public final class TarArchives {

	private static final int PERMISSION_BITS = 0777;

	private TarArchives() {
	}

	/**
	 * Packs a folder. Symbolic links are stored as links, never followed.
	 * @param folder the folder
	 * @param out where the tar stream goes; not closed
	 * @throws IOException if reading fails or the folder holds a device file or pipe
	 */
	public static void pack(Path folder, OutputStream out) throws IOException {
		TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosing(out));
		tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
		tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
		List<Path> paths;
		try (Stream<Path> walk = Files.walk(folder)) {
			paths = walk.sorted().toList();
		}
		for (Path path : paths) {
			String relative = folder.relativize(path).toString().replace('\\', '/');
			PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			int mode = toMode(attributes.permissions());
			TarArchiveEntry entry;
			if (attributes.isSymbolicLink()) {
				entry = new TarArchiveEntry(relative, TarArchiveEntry.LF_SYMLINK);
				entry.setLinkName(Files.readSymbolicLink(path).toString());
			}
			else if (attributes.isDirectory()) {
				entry = new TarArchiveEntry(relative.isEmpty() ? "./" : relative + "/");
				entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~PERMISSION_BITS | mode);
			}
			else if (attributes.isRegularFile()) {
				entry = new TarArchiveEntry(relative);
				entry.setSize(attributes.size());
				entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~PERMISSION_BITS | mode);
			}
			else {
				throw new IOException("cannot send " + path + ": it is neither a file, a folder nor a symbolic link");
			}
			entry.setModTime(attributes.lastModifiedTime());
			tar.putArchiveEntry(entry);
			if (attributes.isRegularFile()) {
				try (InputStream in = Files.newInputStream(path)) {
					in.transferTo(tar);
				}
			}
			tar.closeArchiveEntry();
		}
		tar.finish();
		tar.flush();
	}

	/**
	 * Unpacks a tar stream into a folder, which is created if missing and should be
	 * empty.
	 * @param in the tar stream; read to its end, not closed
	 * @param folder the folder to fill
	 * @throws UnsafeArchiveException if an entry breaks a rule
	 * @throws IOException if the stream is not a tar stream or writing fails
	 */
	public static void unpack(InputStream in, Path folder) throws IOException {
		Files.createDirectories(folder);
		Path root = folder.toRealPath();
		Deque<Path> folders = new ArrayDeque<>();
		Deque<Integer> folderModes = new ArrayDeque<>();
		TarArchiveInputStream tar = new TarArchiveInputStream(new NonClosingInput(in));
		TarArchiveEntry entry;
		while ((entry = tar.getNextEntry()) != null) {
			Path relative = relativePath(entry.getName());
			Path target = root.resolve(relative).normalize();
			if (!target.startsWith(root)) {
				throw new UnsafeArchiveException(entry.getName(), "it points outside the target folder");
			}
			if (!target.equals(root)) {
				Path parent = target.getParent();
				Files.createDirectories(parent);
				// A link unpacked earlier must not carry later entries somewhere else.
				if (!parent.toRealPath().equals(parent)) {
					throw new UnsafeArchiveException(entry.getName(), "it would be written through a symbolic link");
				}
			}
			int mode = entry.getMode() & PERMISSION_BITS;
			if (entry.isDirectory()) {
				if (Files.isSymbolicLink(target)) {
					throw new UnsafeArchiveException(entry.getName(), "a symbolic link is in its place");
				}
				Files.createDirectories(target);
				folders.push(target);
				folderModes.push(mode);
			}
			else if (entry.isSymbolicLink()) {
				checkLink(root, target, entry);
				Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
			}
			else if (isPlainFile(entry)) {
				if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
					throw new UnsafeArchiveException(entry.getName(), "it appears twice");
				}
				try (OutputStream out = Files.newOutputStream(target)) {
					tar.transferTo(out);
				}
				Files.setPosixFilePermissions(target, toPermissions(mode));
			}
			else {
				throw new UnsafeArchiveException(entry.getName(),
						"only files, folders and symbolic links are accepted (no hard links or devices)");
			}
		}
		// Last, and deepest first: a read-only folder must not stop its own entries.
		while (!folders.isEmpty()) {
			Files.setPosixFilePermissions(folders.pop(), toPermissions(folderModes.pop()));
		}
	}

	private static boolean isPlainFile(TarArchiveEntry entry) {
		byte flag = entry.getLinkFlag();
		return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
	}

	private static Path relativePath(String name) throws UnsafeArchiveException {
		if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\") || name.contains("\\")
				|| name.matches("^[A-Za-z]:.*") || name.indexOf('\0') >= 0) {
			throw new UnsafeArchiveException(name, "absolute or malformed entry names are refused");
		}
		Path relative = Path.of(name);
		for (Path segment : relative) {
			if (segment.toString().equals("..")) {
				throw new UnsafeArchiveException(name, "'..' is refused in entry names");
			}
		}
		return relative;
	}

	private static void checkLink(Path root, Path link, TarArchiveEntry entry) throws UnsafeArchiveException {
		String text = entry.getLinkName();
		if (text.isEmpty() || text.startsWith("/")) {
			throw new UnsafeArchiveException(entry.getName(), "a symbolic link must have a relative target");
		}
		Path resolved = link.getParent().resolve(text).normalize();
		if (!resolved.startsWith(root)) {
			throw new UnsafeArchiveException(entry.getName(), "its symbolic link points outside the target folder");
		}
	}

	/**
	 * The permission bits of a set, as in {@code chmod}.
	 * @param permissions the permissions
	 * @return the bits, 0 to 0777
	 */
	public static int toMode(Set<PosixFilePermission> permissions) {
		int mode = 0;
		for (PosixFilePermission permission : permissions) {
			mode |= 1 << (8 - permission.ordinal());
		}
		return mode;
	}

	/**
	 * The permissions of bits, as in {@code chmod}; set-uid, set-gid and sticky are
	 * dropped.
	 * @param mode the bits
	 * @return the permissions
	 */
	public static Set<PosixFilePermission> toPermissions(int mode) {
		Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
		for (PosixFilePermission permission : PosixFilePermission.values()) {
			if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
				permissions.add(permission);
			}
		}
		return permissions;
	}

	/** Lets the tar writer finish its stream without closing the caller's. */
	private static final class NonClosing extends java.io.FilterOutputStream {

		NonClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] buffer, int offset, int length) throws IOException {
			this.out.write(buffer, offset, length);
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

	/** Lets the tar reader stop without closing the caller's stream. */
	private static final class NonClosingInput extends java.io.FilterInputStream {

		NonClosingInput(InputStream in) {
			super(in);
		}

		@Override
		public void close() {
		}

	}

}
