package io.octoplane.brain.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import io.octoplane.brain.config.BrainProperties;
import io.octoplane.protocol.file.FileNames;

import org.springframework.stereotype.Component;

/**
 * Blobs on disk, named by the SHA-256 of their content ({@code
 *
<dir>
 * /ab/abcdef...}). A blob is streamed into a temporary file while its digest is computed,
 * never held in memory, and appears under its name only once complete and synced
 * (rename), so a reader never sees half a blob and a broken upload leaves nothing behind.
 */
@Component
class BlobStore {

	private static final int BUFFER = 64 * 1024;

	private final Path root;

	private final Path incoming;

	BlobStore(FileProperties properties, BrainProperties brain) throws IOException {
		this.root = (properties.blobDir() != null) ? properties.blobDir() : brain.dataDir().resolve("blobs");
		this.incoming = Files.createDirectories(this.root.resolve("incoming"));
	}

	/**
	 * Stores a stream.
	 * @param in the content; read to its end, or to the limit
	 * @param limit the largest size accepted, in bytes
	 * @return the stored blob
	 * @throws BlobTooLargeException if the content is longer than the limit
	 * @throws IOException if reading or writing fails; nothing is stored then
	 */
	StoredBlob store(InputStream in, long limit) throws IOException {
		Path temp = Files.createTempFile(this.incoming, "blob-", ".part");
		try {
			MessageDigest digest = sha256();
			long size = 0;
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
					OutputStream out = new DigestOutputStream(java.nio.channels.Channels.newOutputStream(channel),
							digest)) {
				byte[] buffer = new byte[BUFFER];
				int read;
				while ((read = in.read(buffer)) >= 0) {
					size += read;
					if (size > limit) {
						throw new BlobTooLargeException(limit);
					}
					out.write(buffer, 0, read);
				}
				out.flush();
				channel.force(true);
			}
			String sha256 = HexFormat.of().formatHex(digest.digest());
			Path target = path(sha256);
			Files.createDirectories(target.getParent());
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
			}
			return new StoredBlob(sha256, size);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/**
	 * Finds a blob.
	 * @param sha256 its digest
	 * @return its file, or empty if it is not stored (or the text is no digest)
	 */
	Optional<Path> find(String sha256) {
		if (!FileNames.isSha256(sha256)) {
			return Optional.empty();
		}
		Path path = path(sha256);
		return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
	}

	private Path path(String sha256) {
		return this.root.resolve(sha256.substring(0, 2)).resolve(sha256);
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	/**
	 * A blob as stored.
	 *
	 * @param sha256 lower-case hex digest
	 * @param sizeBytes size in bytes
	 */
	record StoredBlob(String sha256, long sizeBytes) {

	}

}
