package io.octoplane.testsupport.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds tar.gz archives entry by entry, hostile ones included (links out of the folder,
 * devices, hard links), for the tests of every reader of uploaded archives. A file's
 * content is its own name, so a test can tell which entry landed where.
 */
public final class TestArchives {

	private TestArchives() {
	}

	/** A regular file whose content is its name. */
	public static TarArchiveEntry file(String name) {
		TarArchiveEntry entry = new TarArchiveEntry(name, true);
		entry.setSize(name.getBytes(StandardCharsets.UTF_8).length);
		return entry;
	}

	/** A symbolic link. */
	public static TarArchiveEntry link(String name, String target) {
		TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
		entry.setLinkName(target);
		return entry;
	}

	/** An entry of any type flag, such as a hard link, a device or a FIFO. */
	public static TarArchiveEntry special(String name, byte flag, String linkName) {
		TarArchiveEntry entry = new TarArchiveEntry(name, flag, true);
		entry.setLinkName(linkName);
		return entry;
	}

	/** The entries as a gzip-compressed tar, base64-encoded as the wire carries it. */
	public static String base64TarGz(TarArchiveEntry... entries) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
			for (TarArchiveEntry entry : entries) {
				tar.putArchiveEntry(entry);
				if (entry.getSize() > 0) {
					tar.write(entry.getName().getBytes(StandardCharsets.UTF_8));
				}
				tar.closeArchiveEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Base64.getEncoder().encodeToString(bytes.toByteArray());
	}

}
