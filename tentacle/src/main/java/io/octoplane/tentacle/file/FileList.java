package io.octoplane.tentacle.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.octoplane.protocol.file.FileListing;

/** Lists a folder without following symbolic links, sorted by name, bounded. */
final class FileList {

	static final int MAX_ENTRIES = 5000;

	private FileList() {
	}

	static FileListing list(Path folder) throws IOException, TransferFailedException {
		if (!Files.isDirectory(folder)) {
			throw new TransferFailedException(
					Files.exists(folder) ? folder + " is not a folder" : "no such folder: " + folder);
		}
		List<FileListing.Entry> entries = new ArrayList<>();
		boolean truncated = false;
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
			for (Path path : stream) {
				if (entries.size() == MAX_ENTRIES) {
					truncated = true;
					break;
				}
				PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
						LinkOption.NOFOLLOW_LINKS);
				String type = attributes.isSymbolicLink() ? "symlink"
						: attributes.isDirectory() ? "directory" : attributes.isRegularFile() ? "file" : "other";
				entries.add(new FileListing.Entry(path.getFileName().toString(), type,
						attributes.isRegularFile() ? attributes.size() : 0,
						PosixFilePermissions.toString(attributes.permissions()),
						attributes.lastModifiedTime().toInstant().toString()));
			}
		}
		entries.sort(Comparator.comparing(FileListing.Entry::name));
		return new FileListing(folder.toString(), entries, truncated);
	}

}
