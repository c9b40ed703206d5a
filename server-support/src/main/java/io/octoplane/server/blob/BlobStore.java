package io.octoplane.server.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.octoplane.protocol.digest.Sha256;
import io.octoplane.protocol.file.FileNames;

/**
 * Blobs on disk, named by the SHA-256 of their content ({@code <root>/ab/abcdef...}). A
 * blob is streamed into a temporary file under {@code <root>/incoming} while its digest
 * is computed, never held in memory, and appears under its name only once complete and
 * synced (rename), so a reader never sees half a blob, a broken upload leaves nothing
 * behind and the same content stored twice takes its space once. A caller that must check
 * the content before keeping it (a release's declared digest) stages it first, then keeps
 * or discards it.
 */
public class BlobStore {

	private static final int BUFFER = 64 * 1024;

	private final Path root;

	private final Path incoming;

	private final String limitSetting;

	/**
	 * Opens a store, creating its folders.
	 * @param root the folder of the blobs
	 * @param limitSetting the setting that sets the size limit, named when a blob is
	 * refused for its size
	 * @throws IOException if the folders cannot be created
	 */
	public BlobStore(Path root, String limitSetting) throws IOException {
		this.root = root;
		this.incoming = Files.createDirectories(root.resolve("incoming"));
		this.limitSetting = limitSetting;
	}

	/**
	 * Stores a stream.
	 * @param in the content; read to its end, or to the limit
	 * @param limit the largest size accepted, in bytes
	 * @return the stored blob
	 * @throws BlobTooLargeException if the content is longer than the limit
	 * @throws IOException if reading or writing fails; nothing is stored then
	 */
	public StoredBlob store(InputStream in, long limit) throws IOException {
		return keep(stage(in, limit));
	}

	/**
	 * Reads a stream into a temporary file, which the caller then must
	 * {@link #keep(Staged) keep} or {@link #discard(Staged) discard}.
	 * @param in the content; read to its end, or to the limit
	 * @param limit the largest size accepted, in bytes
	 * @return the staged content with its digest
	 * @throws BlobTooLargeException if the content is longer than the limit
	 * @throws IOException if reading or writing fails; nothing is left behind then
	 */
	public Staged stage(InputStream in, long limit) throws IOException {
		Path temp = Files.createTempFile(this.incoming, "blob-", ".part");
		try {
			MessageDigest digest = Sha256.newDigest();
			long size = 0;
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
					OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), digest)) {
				byte[] buffer = new byte[BUFFER];
				int read;
				while ((read = in.read(buffer)) >= 0) {
					size += read;
					if (size > limit) {
						throw tooLarge(limit);
					}
					out.write(buffer, 0, read);
				}
				out.flush();
				channel.force(true);
			}
			return new Staged(temp, Sha256.hex(digest), size);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(temp);
			throw ex;
		}
	}

	/**
	 * Moves staged content under its name.
	 * @param staged what {@link #stage} gave
	 * @return the stored blob
	 * @throws IOException if the move fails; the staged file is gone then
	 */
	public StoredBlob keep(Staged staged) throws IOException {
		try {
			Path target = path(staged.sha256());
			Files.createDirectories(target.getParent());
			try {
				Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(staged.file(), target, StandardCopyOption.REPLACE_EXISTING);
			}
			return new StoredBlob(staged.sha256(), staged.sizeBytes());
		}
		finally {
			Files.deleteIfExists(staged.file());
		}
	}

	/**
	 * Drops staged content.
	 * @param staged what {@link #stage} gave
	 * @throws IOException if the temporary file cannot be deleted
	 */
	public void discard(Staged staged) throws IOException {
		Files.deleteIfExists(staged.file());
	}

	/**
	 * Finds a blob.
	 * @param sha256 its digest
	 * @return its file, or empty if it is not stored (or the text is no digest)
	 */
	public Optional<Path> find(String sha256) {
		if (!FileNames.isSha256(sha256)) {
			return Optional.empty();
		}
		Path path = path(sha256);
		return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
	}

	/**
	 * Every blob stored, by digest.
	 * @return the digests, in no order
	 * @throws IOException if the folder cannot be read
	 */
	public List<String> list() throws IOException {
		List<String> names = new ArrayList<>();
		try (Stream<Path> files = Files.walk(this.root, 2)) {
			files.filter((path) -> !path.startsWith(this.incoming))
				.filter((path) -> FileNames.isSha256(path.getFileName().toString()))
				.filter(Files::isRegularFile)
				.forEach((path) -> names.add(path.getFileName().toString()));
		}
		return names;
	}

	/**
	 * Deletes partial uploads left behind by a process that died while receiving them.
	 * @param before files last written before this are deleted
	 * @return how many were deleted
	 * @throws IOException if the folder cannot be read
	 */
	public int dropIncomingBefore(Instant before) throws IOException {
		int dropped = 0;
		try (Stream<Path> files = Files.list(this.incoming)) {
			for (Path file : files.toList()) {
				if (Files.getLastModifiedTime(file).toInstant().isBefore(before) && Files.deleteIfExists(file)) {
					dropped++;
				}
			}
		}
		return dropped;
	}

	/**
	 * Removes a blob; a reader that has it open reads on to its end.
	 * @param sha256 its digest
	 * @return whether it was stored
	 * @throws IOException if it cannot be deleted
	 */
	public boolean remove(String sha256) throws IOException {
		return FileNames.isSha256(sha256) && Files.deleteIfExists(path(sha256));
	}

	/**
	 * The error for content over the limit, for callers that know the size before
	 * reading.
	 * @param limit the limit in bytes
	 * @return the exception to throw
	 */
	public BlobTooLargeException tooLarge(long limit) {
		return new BlobTooLargeException(limit, this.limitSetting);
	}

	private Path path(String sha256) {
		return this.root.resolve(sha256.substring(0, 2)).resolve(sha256);
	}

	/**
	 * Content read into a temporary file, not yet under its name.
	 *
	 * @param file the temporary file
	 * @param sha256 lower-case hex digest of the content
	 * @param sizeBytes size in bytes
	 */
	public record Staged(Path file, String sha256, long sizeBytes) {

	}

}
