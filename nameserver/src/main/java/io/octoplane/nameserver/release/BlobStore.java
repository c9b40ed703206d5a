package io.octoplane.nameserver.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.octoplane.certs.release.ReleaseSignature;
import io.octoplane.nameserver.NameserverProperties;
import io.octoplane.nameserver.web.NameserverException;
import io.octoplane.protocol.ErrorCode;

import org.springframework.stereotype.Component;

/**
 * Packages on disk, content-addressed: {@code <dataDir>/blobs/sha256/<hex>}. An upload
 * streams into a temporary file while it is hashed and is moved into place only once
 * complete, so a reader never sees a partial package and the same package uploaded twice
 * is stored once.
 */
@Component
class BlobStore {

	private final Path root;

	private final long maxBytes;

	BlobStore(NameserverProperties properties) {
		this.root = properties.dataDir().resolve("blobs").resolve("sha256");
		this.maxBytes = properties.maxReleaseSize().toBytes();
	}

	/** A package streamed to a temporary file, with its hash and size. */
	record Staged(Path file, String sha256, long sizeBytes) {

	}

	Staged stage(InputStream body) throws IOException {
		Files.createDirectories(this.root);
		Path temporary = Files.createTempFile(this.root, ".upload-", ".tmp");
		MessageDigest digest = sha256();
		long size = 0;
		try (InputStream in = body;
				OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), digest)) {
			byte[] buffer = new byte[64 * 1024];
			int read;
			while ((read = in.read(buffer)) >= 0) {
				size += read;
				if (size > this.maxBytes) {
					throw new NameserverException(ErrorCode.PAYLOAD_TOO_LARGE,
							"a release package may have at most " + this.maxBytes + " bytes");
				}
				out.write(buffer, 0, read);
			}
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		return new Staged(temporary, ReleaseSignature.hex(digest.digest()), size);
	}

	void keep(Staged staged) throws IOException {
		Path target = path(staged.sha256());
		try {
			Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(staged.file(), target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	void discard(Staged staged) throws IOException {
		Files.deleteIfExists(staged.file());
	}

	Path path(String sha256) {
		return this.root.resolve(sha256);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
