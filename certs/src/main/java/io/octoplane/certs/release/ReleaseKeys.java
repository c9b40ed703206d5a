package io.octoplane.certs.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import io.octoplane.certs.PemFiles;

/**
 * Makes, writes and reads Ed25519 release keys as PEM: the private key as PKCS#8
 * ({@code BEGIN PRIVATE KEY}, owner-only), the public key as X.509 SubjectPublicKeyInfo
 * ({@code BEGIN PUBLIC KEY}), the forms {@code openssl pkey} reads.
 */
public final class ReleaseKeys {

	private ReleaseKeys() {
	}

	/**
	 * Makes a new release key pair.
	 * @return the pair
	 * @throws GeneralSecurityException if the JDK has no Ed25519 (it has since Java 15)
	 */
	public static KeyPair generate() throws GeneralSecurityException {
		return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
	}

	/**
	 * Writes a key pair.
	 * @param privateFile target of the private key, written owner-only
	 * @param publicFile target of the public key
	 * @param pair the keys
	 * @param overwrite whether existing files may be replaced
	 * @throws java.nio.file.FileAlreadyExistsException if a target exists and
	 * {@code overwrite} is false
	 * @throws IOException if writing fails
	 */
	public static void write(Path privateFile, Path publicFile, KeyPair pair, boolean overwrite) throws IOException {
		if (!overwrite) {
			PemFiles.refuseExisting(privateFile);
			PemFiles.refuseExisting(publicFile);
		}
		PemFiles.writePrivateKey(privateFile, pair.getPrivate(), overwrite);
		String body = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(pair.getPublic().getEncoded());
		Files.writeString(publicFile, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n",
				StandardCharsets.US_ASCII);
	}

	/**
	 * Reads a release private key.
	 * @param file a PKCS#8 PEM file with an Ed25519 key
	 * @return the key
	 * @throws IOException if the file cannot be read or holds no Ed25519 private key
	 */
	public static PrivateKey readPrivateKey(Path file) throws IOException {
		try {
			return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der(file, "PRIVATE KEY")));
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(file + " holds no Ed25519 release private key: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Reads a release public key.
	 * @param file a PEM file with an Ed25519 public key
	 * @return the key
	 * @throws IOException if the file cannot be read or holds no Ed25519 public key
	 */
	public static PublicKey readPublicKey(Path file) throws IOException {
		try {
			return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(file, "PUBLIC KEY")));
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(file + " holds no Ed25519 release public key: " + ex.getMessage(), ex);
		}
	}

	private static byte[] der(Path file, String type) throws IOException {
		String text = Files.readString(file, StandardCharsets.US_ASCII);
		String begin = "-----BEGIN " + type + "-----";
		String end = "-----END " + type + "-----";
		int from = text.indexOf(begin);
		int to = text.indexOf(end);
		if (from < 0 || to < from) {
			throw new IOException(file + " has no " + begin + " block");
		}
		try {
			return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
		}
		catch (IllegalArgumentException ex) {
			throw new IOException(file + " has a damaged " + type + " block", ex);
		}
	}

}
