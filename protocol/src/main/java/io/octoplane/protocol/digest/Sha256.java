package io.octoplane.protocol.digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as Octoplane writes it everywhere: 64 lower-case hex digits. Whole files and
 * streams are read in one pass, never held in memory; {@link #newDigest()} and
 * {@link #hex(MessageDigest)} serve a digest computed while the bytes go elsewhere (a
 * {@link java.security.DigestInputStream} on an upload, say).
 */
public final class Sha256 {

	private static final HexFormat HEX = HexFormat.of();

	private Sha256() {
	}

	/**
	 * A fresh SHA-256 digest.
	 * @return the digest
	 */
	public static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	/**
	 * Completes a digest.
	 * @param digest a SHA-256 digest that has seen all the bytes; it is reset
	 * @return its value, lower-case hex
	 */
	public static String hex(MessageDigest digest) {
		return HEX.formatHex(digest.digest());
	}

	/**
	 * The SHA-256 of a file's content.
	 * @param file the file; read to its end
	 * @return the digest, lower-case hex
	 * @throws IOException if the file cannot be read
	 */
	public static String of(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return of(in);
		}
	}

	/**
	 * The SHA-256 of what a stream holds.
	 * @param in the stream; read to its end, not closed
	 * @return the digest, lower-case hex
	 * @throws IOException if reading fails
	 */
	public static String of(InputStream in) throws IOException {
		MessageDigest digest = newDigest();
		byte[] buffer = new byte[64 * 1024];
		int read;
		while ((read = in.read(buffer)) >= 0) {
			digest.update(buffer, 0, read);
		}
		return hex(digest);
	}

	/**
	 * The SHA-256 of bytes.
	 * @param bytes the bytes
	 * @return the digest, lower-case hex
	 */
	public static String of(byte[] bytes) {
		return HEX.formatHex(newDigest().digest(bytes));
	}

	/**
	 * The SHA-256 of a text's UTF-8 bytes.
	 * @param text the text
	 * @return the digest, lower-case hex
	 */
	public static String of(String text) {
		return of(text.getBytes(StandardCharsets.UTF_8));
	}

}
