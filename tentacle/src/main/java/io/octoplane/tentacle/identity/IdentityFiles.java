package io.octoplane.tentacle.identity;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

import io.octoplane.certs.PemFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node certificate and private key files, replaced together in a way a crash cannot
 * tear apart; see the package documentation for the scheme. Not thread-safe: callers
 * replace one pair at a time.
 */
public final class IdentityFiles {

	private static final Logger logger = LoggerFactory.getLogger(IdentityFiles.class);

	private static final String NEXT = ".next";

	private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

	private final Path certificate;

	private final Path key;

	/**
	 * Names the files.
	 * @param certificate the certificate PEM file
	 * @param key the private key PEM file
	 */
	public IdentityFiles(Path certificate, Path key) {
		this.certificate = Objects.requireNonNull(certificate, "certificate must not be null").toAbsolutePath();
		this.key = Objects.requireNonNull(key, "key must not be null").toAbsolutePath();
	}

	/** The certificate PEM file. */
	public Path certificate() {
		return this.certificate;
	}

	/** The private key PEM file. */
	public Path key() {
		return this.key;
	}

	/** Whether neither the certificate nor the key exists (the node is not enrolled). */
	public boolean absent() {
		return !Files.exists(this.certificate) && !Files.exists(this.key);
	}

	/**
	 * Finishes or discards a replacement a crash interrupted; does nothing when none was.
	 * @throws IOException if a file cannot be renamed or deleted
	 */
	public void recover() throws IOException {
		Path nextCertificate = next(this.certificate);
		Path nextKey = next(this.key);
		if (!Files.exists(nextCertificate)) {
			if (Files.deleteIfExists(nextKey)) {
				logger.warn("discarded {}: a certificate renewal was interrupted before its certificate was saved",
						nextKey);
			}
			return;
		}
		Path newKey = Files.exists(nextKey) ? nextKey : this.key;
		try {
			PemFiles.readPrivateKeyFor(newKey, PemFiles.readCertificate(nextCertificate));
		}
		catch (IOException ex) {
			// Cannot happen with files this class wrote; keep the pair that works.
			logger.warn("discarded {} and {}: {}", nextCertificate, nextKey, ex.getMessage());
			Files.deleteIfExists(nextKey);
			Files.deleteIfExists(nextCertificate);
			return;
		}
		logger.info("completing the interrupted replacement of {} and {}", this.certificate, this.key);
		commit();
	}

	/**
	 * Replaces (or first writes) the certificate and key. The key file gets POSIX mode
	 * 600 from the moment it is created.
	 * @param newKey the private key
	 * @param newCertificate its certificate
	 * @throws IOException if writing fails; the old pair, or the new pair after
	 * {@link #recover()}, is then still whole
	 */
	public void replace(PrivateKey newKey, X509Certificate newCertificate) throws IOException {
		writeAtomically(next(this.key), PemFiles.toPem(newKey), true);
		writeAtomically(next(this.certificate), PemFiles.toPem(newCertificate), false);
		commit();
	}

	private void commit() throws IOException {
		Path nextKey = next(this.key);
		if (Files.exists(nextKey)) {
			move(nextKey, this.key);
		}
		move(next(this.certificate), this.certificate);
	}

	static Path next(Path file) {
		return file.resolveSibling(file.getFileName() + NEXT);
	}

	private static void writeAtomically(Path target, String pem, boolean secret) throws IOException {
		Path directory = target.getParent();
		Files.createDirectories(directory);
		boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
		FileAttribute<?>[] attributes = (secret && posix) ? new FileAttribute<?>[] { OWNER_ONLY }
				: new FileAttribute<?>[0];
		Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp", attributes);
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				channel.write(StandardCharsets.US_ASCII.encode(pem));
				channel.force(true);
			}
			move(temporary, target);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	// Each rename is made durable before the next step, so the order the package
	// documentation relies on is the order a crash can observe.
	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			throw new IOException("cannot replace " + to + " atomically: " + ex.getMessage(), ex);
		}
		syncDirectory(to.getParent());
	}

	private static void syncDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Some platforms cannot open a folder; the
			// rename is atomic there all the same.
			logger.debug("cannot sync folder {}: {}", directory, ex.getMessage());
		}
	}

}
