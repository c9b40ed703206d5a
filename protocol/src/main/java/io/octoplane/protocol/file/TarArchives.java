package io.octoplane.protocol.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Folders as tar streams (POSIX/PAX format, so long names and large files fit): entries
 * are relative to the folder, {@code ./} first, with their permission bits. Unpacking
 * reads through {@link TarReader}, whose rules every tar reader in Octoplane shares, and
 * writes through {@link FolderWriter}. A stream that breaks a rule fails with
 * {@link UnsafeArchiveException} and the caller discards the partly unpacked folder.
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
	 * empty, under the rules of {@link TarReader}.
	 * @param in the tar stream; read to its end, not closed
	 * @param folder the folder to fill
	 * @throws UnsafeArchiveException if an entry breaks a rule
	 * @throws IOException if the stream is not a tar stream or writing fails
	 */
	public static void unpack(InputStream in, Path folder) throws IOException {
		FolderWriter writer = new FolderWriter(folder, false);
		TarReader.read(in, writer);
		writer.finish();
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

}
