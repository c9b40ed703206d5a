package io.octoplane.protocol.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files TLS needs with nothing but the JDK: certificates (one or a chain
 * per file) and unencrypted private keys, as PKCS#8 ({@code PRIVATE KEY}) or in the older
 * OpenSSL forms ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}), which it rewraps as
 * PKCS#8 for the JDK's key factories. Text outside PEM blocks is ignored, as OpenSSL
 * does. Every part that only speaks TLS (octl, the client SDK, the tentacle's link) reads
 * its files here, so none of them loads a cryptography library to start.
 */
public final class PemReader {

	private static final Pattern BLOCK = Pattern
		.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s:,-]*?)-----END \\1-----");

	// DER of the AlgorithmIdentifier OIDs a legacy key is rewrapped with.
	private static final byte[] EC_PUBLIC_KEY_OID = { 0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02,
			0x01 };

	private static final byte[] RSA_ENCRYPTION_ALGORITHM = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48,
			(byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

	private static final String[] KEY_ALGORITHMS = { "EC", "RSA", "Ed25519" };

	private PemReader() {
	}

	/**
	 * Reads every certificate in a PEM file, in file order (leaf first for a chain).
	 * @param file the PEM file
	 * @return the certificates, never empty
	 * @throws java.nio.file.NoSuchFileException if the file does not exist
	 * @throws IOException if the file cannot be read, holds no certificate or a malformed
	 * one
	 */
	public static List<X509Certificate> readCertificates(Path file) throws IOException {
		List<X509Certificate> certificates = new ArrayList<>();
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			for (Block block : blocks(file)) {
				if (block.type().equals("CERTIFICATE")) {
					certificates
						.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
				}
			}
		}
		catch (CertificateException | RuntimeException ex) {
			throw new IOException("malformed certificate in " + file + ": " + ex.getMessage(), ex);
		}
		if (certificates.isEmpty()) {
			throw new IOException("no certificate found in " + file);
		}
		return List.copyOf(certificates);
	}

	/**
	 * Reads an unencrypted private key.
	 * @param file the PEM file
	 * @return the key
	 * @throws java.nio.file.NoSuchFileException if the file does not exist
	 * @throws IOException if the file cannot be read, holds no key, an encrypted key or a
	 * key of an unsupported algorithm
	 */
	public static PrivateKey readPrivateKey(Path file) throws IOException {
		for (Block block : blocks(file)) {
			try {
				if (block.encryptedLegacy()) {
					throw encrypted(file);
				}
				switch (block.type()) {
					case "PRIVATE KEY":
						return pkcs8(block.der(), file);
					case "EC PRIVATE KEY":
						return pkcs8(ecToPkcs8(block.der()), file);
					case "RSA PRIVATE KEY":
						return pkcs8(wrap(RSA_ENCRYPTION_ALGORITHM, block.der()), file);
					case "ENCRYPTED PRIVATE KEY":
						throw encrypted(file);
					default:
						// Certificates and other blocks beside the key are skipped.
				}
			}
			catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
				throw new IOException("malformed private key in " + file + ": " + ex.getMessage(), ex);
			}
		}
		throw new IOException("no private key found in " + file);
	}

	/**
	 * Reads the private key that belongs to a certificate and proves that it does, so a
	 * mixed-up key file fails here with a clear message instead of as an obscure TLS
	 * handshake error later.
	 * @param file the PEM key file
	 * @param certificate the certificate the key must belong to
	 * @return the key
	 * @throws IOException if the key cannot be read or does not match the certificate
	 */
	public static PrivateKey readPrivateKeyFor(Path file, X509Certificate certificate) throws IOException {
		PrivateKey key = readPrivateKey(file);
		if (!matches(key, certificate.getPublicKey())) {
			throw new IOException("private key " + file + " does not belong to certificate '"
					+ certificate.getSubjectX500Principal().getName() + "'");
		}
		return key;
	}

	/**
	 * The signature algorithm Octoplane signs with for a key: SHA-256 with ECDSA or RSA,
	 * or Ed25519.
	 * @param key a private or public key
	 * @return the JCA algorithm name
	 * @throws IllegalArgumentException for another key algorithm
	 */
	public static String signatureAlgorithm(Key key) {
		return switch (key.getAlgorithm()) {
			case "EC" -> "SHA256withECDSA";
			case "RSA" -> "SHA256withRSA";
			case "Ed25519", "EdDSA" -> "Ed25519";
			default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
		};
	}

	private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
		for (String algorithm : KEY_ALGORITHMS) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
			}
			catch (InvalidKeySpecException ex) {
				// Not a key of this algorithm: the next one is tried.
			}
			catch (GeneralSecurityException ex) {
				throw new IOException("cannot read the private key in " + file + ": " + ex.getMessage(), ex);
			}
		}
		throw new IOException("unsupported private key in " + file + ": only EC, RSA and Ed25519 keys are read");
	}

	private static IOException encrypted(Path file) {
		return new IOException("private key in " + file + " is encrypted; decrypt it first, for example with "
				+ "'openssl pkey -in " + file + "'");
	}

	// SEC 1: SEQUENCE { version, privateKey OCTET STRING, [0] curve OID, [1] public key
	// }.
	// PKCS#8 needs the curve beside the algorithm, so it is read from the [0] field.
	private static byte[] ecToPkcs8(byte[] sec1) {
		Der sequence = Der.at(sec1, 0);
		int offset = sequence.contentStart();
		while (offset < sequence.end()) {
			Der field = Der.at(sec1, offset);
			if ((sec1[offset] & 0xff) == 0xa0) {
				byte[] curve = Arrays.copyOfRange(sec1, field.contentStart(), field.end());
				ByteArrayOutputStream algorithm = new ByteArrayOutputStream();
				algorithm.writeBytes(EC_PUBLIC_KEY_OID);
				algorithm.writeBytes(curve);
				return wrap(Der.encode(0x30, algorithm.toByteArray()), sec1);
			}
			offset = field.end();
		}
		throw new IllegalArgumentException("the EC key does not name its curve");
	}

	// PKCS#8: SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }.
	private static byte[] wrap(byte[] algorithmIdentifier, byte[] key) {
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		content.writeBytes(new byte[] { 0x02, 0x01, 0x00 });
		content.writeBytes(algorithmIdentifier);
		content.writeBytes(Der.encode(0x04, key));
		return Der.encode(0x30, content.toByteArray());
	}

	private static boolean matches(PrivateKey key, PublicKey publicKey) {
		try {
			byte[] challenge = "octoplane key check".getBytes(StandardCharsets.US_ASCII);
			Signature signer = Signature.getInstance(signatureAlgorithm(key));
			signer.initSign(key);
			signer.update(challenge);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(signatureAlgorithm(publicKey));
			verifier.initVerify(publicKey);
			verifier.update(challenge);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	private static List<Block> blocks(Path file) throws IOException {
		String text = Files.readString(file, StandardCharsets.US_ASCII);
		List<Block> blocks = new ArrayList<>();
		Matcher matcher = BLOCK.matcher(text);
		while (matcher.find()) {
			blocks.add(new Block(matcher.group(1), matcher.group(2)));
		}
		return blocks;
	}

	/** One PEM block: its type and its text between the markers. */
	private record Block(String type, String body) {

		byte[] der() {
			return Base64.getMimeDecoder().decode(this.body);
		}

		// OpenSSL's own encryption of the legacy forms adds "Proc-Type: 4,ENCRYPTED".
		boolean encryptedLegacy() {
			return this.body.contains("ENCRYPTED");
		}

	}

}
