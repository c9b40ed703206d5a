package io.octoplane.tentacle.nodeapp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks the tar.gz the brain ships for a nodeapp: {@code scripts/...} into the scripts
 * folder and {@code src/...} into the nodeapp. Only regular files and folders are
 * written; an entry whose path leaves its folder, or an archive that unpacks to more than
 * {@link #MAX_UNPACKED_BYTES}, fails the whole task.
 */
public final class NodeappArchive {

	/** Most bytes one archive may unpack to, so a small archive cannot fill the disk. */
	public static final long MAX_UNPACKED_BYTES = 512L * 1024 * 1024;

	private NodeappArchive() {
	}

	/**
	 * Unpacks an archive.
	 * @param base64 the archive, base64 of a tar.gz
	 * @param scripts where {@code scripts/} entries go (emptied first)
	 * @param sources where {@code src/} entries go (existing files are overwritten)
	 * @return whether the archive held sources
	 * @throws IOException if it cannot be read or written, or is unsafe
	 */
	public static boolean unpack(String base64, Path scripts, Path sources) throws IOException {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new IOException("the archive is not base64: " + ex.getMessage(), ex);
		}
		NodeappGit.deleteTree(scripts);
		Files.createDirectories(scripts);
		boolean hasSources = false;
		long total = 0;
		try (InputStream in = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)))) {
			TarArchiveInputStream tar = (TarArchiveInputStream) in;
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				String name = entry.getName();
				Path target;
				if (name.startsWith("scripts/")) {
					target = inside(scripts, name.substring("scripts/".length()), name);
				}
				else if (name.startsWith("src/")) {
					hasSources = true;
					target = inside(sources, name.substring("src/".length()), name);
				}
				else {
					throw new IOException("archive entry " + name + " is neither under scripts/ nor src/");
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
				}
				else if (entry.isFile()) {
					total += entry.getSize();
					if (total > MAX_UNPACKED_BYTES) {
						throw new IOException("the archive unpacks to more than " + MAX_UNPACKED_BYTES + " bytes");
					}
					Files.createDirectories(target.getParent());
					Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
					if ((entry.getMode() & 0100) != 0) {
						target.toFile().setExecutable(true, false);
					}
				}
				// Links and devices are skipped: they could point anywhere on the node.
			}
		}
		return hasSources;
	}

	private static Path inside(Path folder, String relative, String entryName) throws IOException {
		Path target = folder.resolve(relative).normalize();
		if (!target.startsWith(folder) || relative.startsWith("/")) {
			throw new IOException("archive entry " + entryName + " points outside its folder");
		}
		return target;
	}

}
