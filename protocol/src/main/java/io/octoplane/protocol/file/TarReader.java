package io.octoplane.protocol.file;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The one way Octoplane reads a tar stream, whatever it then does with the entries
 * (unpacks a folder sent by a file command, holds a scenario folder in memory, installs a
 * nodeapp's scripts). The rules are checked on the names alone, before the handler sees
 * an entry, so they hold the same for every handler:
 * <ul>
 * <li>names are relative: no leading {@code /} or {@code \}, drive letter, backslash or
 * NUL, and no {@code ..} part;</li>
 * <li>only files, folders and symbolic links: hard links, devices and pipes are
 * refused;</li>
 * <li>a symbolic link's target is relative and stays inside the archive: any {@code ..}
 * parts come first and climb no higher than the link's own folder, so no chain of links
 * can lead out;</li>
 * <li>no entry lies below an earlier symbolic link or file (nothing is written through a
 * link), and no name appears twice (except a folder);</li>
 * <li>modes keep only the permission bits: set-uid, set-gid and sticky are dropped.</li>
 * </ul>
 * A stream that breaks a rule fails with {@link UnsafeArchiveException} at that entry.
 */
public final class TarReader {

	private static final int PERMISSION_BITS = 0777;

	private TarReader() {
	}

	/**
	 * Receives the entries of a tar stream that passed the rules, in archive order. Paths
	 * are relative with {@code /} separators, {@code ""} for the archive's own folder
	 * ({@code ./}).
	 */
	public interface Handler {

		/**
		 * A folder.
		 * @param path its path
		 * @param mode its permission bits, 0 to 0777
		 * @throws IOException if the handler fails or refuses it
		 */
		default void folder(String path, int mode) throws IOException {
		}

		/**
		 * A regular file.
		 * @param path its path, never {@code ""}
		 * @param mode its permission bits, 0 to 0777
		 * @param size its size in bytes, as the archive states it
		 * @param content its bytes; ends with the entry, must not be closed
		 * @throws IOException if the handler fails or refuses it
		 */
		void file(String path, int mode, long size, InputStream content) throws IOException;

		/**
		 * A symbolic link whose target stays inside the archive. Handlers that cannot
		 * hold links skip it (the default).
		 * @param path its path, never {@code ""}
		 * @param target its target, relative to the link's folder, as the archive gave it
		 * @throws IOException if the handler fails or refuses it
		 */
		default void link(String path, String target) throws IOException {
		}

	}

	/**
	 * Reads a tar stream to its end.
	 * @param in the stream (already decompressed); not closed
	 * @param handler what receives the entries
	 * @throws UnsafeArchiveException if an entry breaks a rule
	 * @throws IOException if the stream is not a tar stream or the handler fails
	 */
	public static void read(InputStream in, Handler handler) throws IOException {
		TarArchiveInputStream tar = new TarArchiveInputStream(new NonClosing(in));
		Map<String, Kind> seen = new HashMap<>();
		TarArchiveEntry entry;
		while ((entry = tar.getNextEntry()) != null) {
			String name = entry.getName();
			List<String> parts = parts(name);
			String path = String.join("/", parts);
			Kind kind = kind(entry);
			checkAncestors(seen, parts, name);
			Kind before = seen.putIfAbsent(path, kind);
			if (before != null && !(before == Kind.FOLDER && kind == Kind.FOLDER)) {
				throw new UnsafeArchiveException(name, "it appears twice");
			}
			int mode = entry.getMode() & PERMISSION_BITS;
			switch (kind) {
				case FOLDER -> handler.folder(path, mode);
				case LINK -> {
					checkLinkTarget(parts, entry.getLinkName(), name);
					handler.link(path, entry.getLinkName());
				}
				case FILE -> {
					if (path.isEmpty()) {
						throw new UnsafeArchiveException(name, "a file cannot stand for the folder itself");
					}
					handler.file(path, mode, entry.getSize(), new NonClosing(tar));
				}
			}
		}
	}

	private enum Kind {

		FOLDER, FILE, LINK

	}

	private static Kind kind(TarArchiveEntry entry) throws UnsafeArchiveException {
		if (entry.isDirectory()) {
			return Kind.FOLDER;
		}
		if (entry.isSymbolicLink()) {
			return Kind.LINK;
		}
		byte flag = entry.getLinkFlag();
		if (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG) {
			return Kind.FILE;
		}
		throw new UnsafeArchiveException(entry.getName(),
				"only files, folders and symbolic links are accepted (no hard links or devices)");
	}

	/** The parts of an entry name, {@code .} and empty parts dropped. */
	private static List<String> parts(String name) throws UnsafeArchiveException {
		if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")
				|| name.indexOf('\0') >= 0) {
			throw new UnsafeArchiveException(name, "absolute or malformed entry names are refused");
		}
		List<String> parts = new ArrayList<>();
		for (String part : name.split("/")) {
			if ("..".equals(part)) {
				throw new UnsafeArchiveException(name, "'..' is refused in entry names");
			}
			if (!part.isEmpty() && !".".equals(part)) {
				parts.add(part);
			}
		}
		return parts;
	}

	private static void checkAncestors(Map<String, Kind> seen, List<String> parts, String name)
			throws UnsafeArchiveException {
		StringBuilder ancestor = new StringBuilder();
		for (int i = 0; i < parts.size() - 1; i++) {
			if (i > 0) {
				ancestor.append('/');
			}
			ancestor.append(parts.get(i));
			Kind kind = seen.get(ancestor.toString());
			if (kind == Kind.LINK) {
				throw new UnsafeArchiveException(name, "it would be written through a symbolic link");
			}
			if (kind == Kind.FILE) {
				throw new UnsafeArchiveException(name, "it lies below a file");
			}
		}
	}

	// Only leading ".." parts, each climbing one real folder: the link's own folders were
	// checked to be no links, so the climb stays inside, and every later part goes down.
	private static void checkLinkTarget(List<String> linkParts, String target, String name)
			throws UnsafeArchiveException {
		if (linkParts.isEmpty()) {
			throw new UnsafeArchiveException(name, "a symbolic link cannot stand for the folder itself");
		}
		if (target.isEmpty() || target.startsWith("/") || target.contains("\\") || target.matches("^[A-Za-z]:.*")
				|| target.indexOf('\0') >= 0) {
			throw new UnsafeArchiveException(name, "a symbolic link must have a relative target");
		}
		int depth = linkParts.size() - 1;
		boolean down = false;
		for (String part : target.split("/")) {
			if (part.isEmpty() || ".".equals(part)) {
				continue;
			}
			if ("..".equals(part)) {
				if (down) {
					throw new UnsafeArchiveException(name,
							"its symbolic link target has '..' after a name (only leading '..' parts are accepted)");
				}
				if (depth == 0) {
					throw new UnsafeArchiveException(name, "its symbolic link points outside the target folder");
				}
				depth--;
			}
			else {
				down = true;
			}
		}
	}

	/** Lets a handler or the tar reader stop without closing the caller's stream. */
	private static final class NonClosing extends FilterInputStream {

		NonClosing(InputStream in) {
			super(in);
		}

		@Override
		public void close() {
		}

	}

}
