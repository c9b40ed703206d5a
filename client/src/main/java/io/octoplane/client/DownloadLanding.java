package io.octoplane.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.octoplane.protocol.file.TarArchives;

/**
 * Puts a downloaded part file in its place: a file is renamed onto its name, a folder's
 * tar is unpacked beside it and swapped in whole, so a reader never sees half of either.
 */
final class DownloadLanding {

	private DownloadLanding() {
	}

	/**
	 * Lands a part file.
	 * @param part the complete download, checked
	 * @param localDir the folder to land in
	 * @param name the file's or folder's name
	 * @param folder whether the part is a folder's tar
	 * @return the file or folder written
	 * @throws IOException if writing fails, the archive is unsafe, or a folder of that
	 * name exists
	 */
	static Path land(Path part, Path localDir, String name, boolean folder) throws IOException {
		Path target = localDir.resolve(name);
		if (!folder) {
			move(part, target);
			return target;
		}
		Path staging = localDir.resolve("." + name + ".octoplane-unpack");
		try (InputStream in = Files.newInputStream(part)) {
			TarArchives.unpack(in, staging);
			if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
				throw new IOException(target + " already exists; remove it or download elsewhere");
			}
			move(staging, target);
		}
		finally {
			Files.deleteIfExists(part);
		}
		return target;
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
