package io.octoplane.tentacle.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.octoplane.protocol.digest.Sha256;

/**
 * The journal's files: naming, crash-safe replacement, reading and quarantine. A change
 * is written to a temp file, forced to disk, renamed over the old file and the folder is
 * forced too, so after a crash (kill -9, power loss) each file holds either its old or
 * its new content, never a mix.
 */
final class JournalFiles {

	static final String SUFFIX = ".json";

	static final String TEMP_SUFFIX = ".tmp";

	static final String QUARANTINE_FOLDER = "quarantine";

	private final Path folder;

	JournalFiles(Path folder) {
		this.folder = folder;
	}

	Path folder() {
		return this.folder;
	}

	/**
	 * The file stem for a command id. Ids come from the network: hashing keeps any id
	 * (slashes, dots, NUL, 10 kB long) a fixed-length name inside the folder.
	 */
	static String stem(String commandId) {
		return Sha256.of(commandId);
	}

	Path file(String commandId) {
		return this.folder.resolve(stem(commandId) + SUFFIX);
	}

	/** The journal files, temp files and the quarantine folder excluded. */
	List<Path> list() throws IOException {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(this.folder, "*" + SUFFIX)) {
			stream.forEach(files::add);
		}
		return files;
	}

	/**
	 * Deletes temp files left by a crash in the middle of a write; the rename never
	 * happened, so the old version of the entry stands.
	 */
	void deleteTempFiles() throws IOException {
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(this.folder, "*" + TEMP_SUFFIX)) {
			for (Path temp : stream) {
				Files.deleteIfExists(temp);
			}
		}
	}

	/** Stems of the quarantined files: their ids must never run again. */
	List<String> quarantinedStems() throws IOException {
		Path quarantine = this.folder.resolve(QUARANTINE_FOLDER);
		List<String> stems = new ArrayList<>();
		if (!Files.isDirectory(quarantine)) {
			return stems;
		}
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(quarantine, "*" + SUFFIX)) {
			for (Path file : stream) {
				String name = file.getFileName().toString();
				stems.add(name.substring(0, name.length() - SUFFIX.length()));
			}
		}
		return stems;
	}

	/**
	 * Reads and checks one entry.
	 * @throws IOException if the file cannot be read, is not a valid entry, or does not
	 * belong under its name
	 */
	JournalEntry read(Path file) throws IOException {
		byte[] bytes = Files.readAllBytes(file);
		JournalEntry entry = JournalJson.read(bytes);
		if (entry == null) {
			entry = JournalJackson.read(bytes);
		}
		if (entry.format() != JournalEntry.FORMAT) {
			throw new IOException("unknown journal format " + entry.format());
		}
		if (!file.getFileName().toString().equals(stem(entry.commandId()) + SUFFIX)) {
			throw new IOException("entry for command " + entry.commandId() + " is stored under the wrong name");
		}
		return entry;
	}

	/** Replaces the entry's file atomically and durably. */
	void write(JournalEntry entry) throws IOException {
		byte[] bytes = JournalJson.write(entry);
		if (bytes == null) {
			bytes = JournalJackson.write(entry);
		}
		Path target = file(entry.commandId());
		Path temp = this.folder.resolve(target.getFileName() + TEMP_SUFFIX);
		// File channels give up when the calling thread is
		// interrupted, and a command thread is interrupted exactly
		// when the tentacle stops: its result must still be recorded.
		boolean interrupted = Thread.interrupted();
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer buffer = ByteBuffer.wrap(bytes);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			forceFolder(this.folder);
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	void delete(String commandId) throws IOException {
		Files.deleteIfExists(file(commandId));
	}

	/**
	 * Moves a bad file aside, keeping it for a human to look at; the name (the id's hash)
	 * is kept so that id is still recognised.
	 */
	void quarantine(Path file) throws IOException {
		Path quarantine = Files.createDirectories(this.folder.resolve(QUARANTINE_FOLDER));
		Files.move(file, quarantine.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		forceFolder(this.folder);
	}

	/** Makes a rename in the folder durable: a rename lives in the folder's data. */
	static void forceFolder(Path folder) throws IOException {
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

}
