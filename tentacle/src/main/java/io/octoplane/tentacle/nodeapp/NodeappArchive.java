package io.octoplane.tentacle.nodeapp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import io.octoplane.protocol.file.FolderWriter;
import io.octoplane.protocol.file.TarReader;
import io.octoplane.protocol.file.UnsafeArchiveException;
import org.jspecify.annotations.Nullable;

/**
 * Unpacks the tar.gz the brain ships for a nodeapp (fetched over a data connection):
 * {@code scripts/...} into the scripts folder and {@code src/...} into the nodeapp. The
 * archive is read by {@link TarReader}, under the same rules as a folder sent by a file
 * command, and written by {@link FolderWriter}, so nothing lands outside its folder or
 * through a link already there. Symbolic links are skipped: the brain never ships them,
 * and a link valid in the archive could leave the folder once {@code scripts/} and
 * {@code src/} are apart. An unsafe entry, an entry outside both folders or into the
 * nodeapp's own git folder, or an archive that unpacks to more than
 * {@link #MAX_UNPACKED_BYTES}, fails the whole task.
 */
public final class NodeappArchive {

	/** Most bytes one archive may unpack to, so a small archive cannot fill the disk. */
	public static final long MAX_UNPACKED_BYTES = 512L * 1024 * 1024;

	private static final String SCRIPTS = "scripts";

	private static final String SOURCES = "src";

	private NodeappArchive() {
	}

	/**
	 * Unpacks an archive.
	 * @param gzipped the archive, a tar.gz stream (not closed here)
	 * @param scripts where {@code scripts/} entries go (emptied first)
	 * @param sources where {@code src/} entries go (existing files are overwritten)
	 * @return whether the archive held sources
	 * @throws UnsafeArchiveException if an entry breaks a rule
	 * @throws IOException if it cannot be read or written
	 */
	public static boolean unpack(InputStream gzipped, Path scripts, Path sources) throws IOException {
		NodeappGit.deleteTree(scripts);
		Files.createDirectories(scripts);
		Router router = new Router(new FolderWriter(scripts, false), sources);
		TarReader.read(new GZIPInputStream(gzipped), router);
		router.finish();
		return router.sources != null;
	}

	/** Sends each entry to the folder it belongs in, without its first part. */
	private static final class Router implements TarReader.Handler {

		private final FolderWriter scripts;

		private final Path sourcesFolder;

		private @Nullable FolderWriter sources;

		private long total;

		Router(FolderWriter scripts, Path sourcesFolder) {
			this.scripts = scripts;
			this.sourcesFolder = sourcesFolder;
		}

		@Override
		public void folder(String path, int mode) throws IOException {
			if (!path.isEmpty()) {
				writer(path).folder(inner(path), mode);
			}
		}

		@Override
		public void file(String path, int mode, long size, InputStream content) throws IOException {
			FolderWriter writer = writer(path);
			this.total += size;
			if (this.total > MAX_UNPACKED_BYTES) {
				throw new IOException("the archive unpacks to more than " + MAX_UNPACKED_BYTES + " bytes");
			}
			writer.file(inner(path), mode, size, content);
		}

		@Override
		public void link(String path, String target) throws IOException {
			writer(path);
		}

		private FolderWriter writer(String path) throws IOException {
			String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
			if (SCRIPTS.equals(first)) {
				return this.scripts;
			}
			if (SOURCES.equals(first)) {
				if (path.equals(SOURCES + "/.git") || path.startsWith(SOURCES + "/.git/")) {
					throw new UnsafeArchiveException(path, "the nodeapp's git folder is the node's own");
				}
				if (this.sources == null) {
					this.sources = new FolderWriter(this.sourcesFolder, true);
				}
				return this.sources;
			}
			throw new IOException("archive entry " + path + " is neither under scripts/ nor src/");
		}

		private static String inner(String path) {
			int slash = path.indexOf('/');
			return (slash < 0) ? "" : path.substring(slash + 1);
		}

		void finish() throws IOException {
			this.scripts.finish();
			if (this.sources != null) {
				this.sources.finish();
			}
		}

	}

}
