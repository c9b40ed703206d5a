package io.octoplane.certs;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes the PEM files Octoplane deals in: certificates (one or a chain per
 * file) and unencrypted private keys. Keys are always written as PKCS#8
 * ({@code BEGIN PRIVATE KEY}) readable only by the owner; on reading, the older OpenSSL
 * {@code EC PRIVATE KEY} and {@code RSA PRIVATE KEY} forms are accepted too, so keys made
 * by other tools can be used.
 *
 * <p>
 * Writers never replace an existing file unless asked to, because silently overwriting a
 * CA key would orphan every certificate it ever issued.
 */
public final class PemFiles {

	private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

	private PemFiles() {
	}

	/**
	 * Reads every certificate in a PEM file, in file order (leaf first for a chain). Text
	 * outside PEM blocks is ignored, as OpenSSL does.
	 * @param file the PEM file
	 * @return the certificates, never empty
	 * @throws java.nio.file.NoSuchFileException if the file does not exist
	 * @throws IOException if the file cannot be read, holds no certificate or a malformed
	 * one
	 */
	public static List<X509Certificate> readCertificates(Path file) throws IOException {
		List<X509Certificate> certificates = new ArrayList<>();
		JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
		try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
			Object object;
			while ((object = parser.readObject()) != null) {
				if (object instanceof X509CertificateHolder holder) {
					certificates.add(converter.getCertificate(holder));
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
	 * Reads the first certificate of a PEM file, the leaf when the file holds a chain.
	 * @param file the PEM file
	 * @return the certificate
	 * @throws IOException if the file cannot be read or holds no valid certificate
	 */
	public static X509Certificate readCertificate(Path file) throws IOException {
		return readCertificates(file).get(0);
	}

	/**
	 * Reads an unencrypted private key: PKCS#8 ({@code PRIVATE KEY}) or the OpenSSL
	 * legacy {@code EC PRIVATE KEY} / {@code RSA PRIVATE KEY} forms.
	 * @param file the PEM file
	 * @return the key
	 * @throws java.nio.file.NoSuchFileException if the file does not exist
	 * @throws IOException if the file cannot be read, holds no key, an encrypted key or a
	 * key of an unsupported algorithm
	 */
	public static PrivateKey readPrivateKey(Path file) throws IOException {
		try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
			Object object;
			while ((object = parser.readObject()) != null) {
				if (object instanceof PrivateKeyInfo info) {
					return toPrivateKey(info, file);
				}
				if (object instanceof PEMKeyPair pair) {
					return toPrivateKey(pair.getPrivateKeyInfo(), file);
				}
				if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
					throw new IOException("private key in " + file + " is encrypted; decrypt it first, "
							+ "for example with 'openssl pkey -in " + file + "'");
				}
			}
		}
		catch (RuntimeException ex) {
			throw new IOException("malformed private key in " + file + ": " + ex.getMessage(), ex);
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
		if (!PlainPem.matches(key, certificate.getPublicKey())) {
			throw new IOException("private key " + file + " does not belong to certificate '"
					+ certificate.getSubjectX500Principal().getName() + "'");
		}
		return key;
	}

	/**
	 * Parses a PEM-encoded PKCS#10 certificate signing request.
	 * @param pem the PEM text ({@code BEGIN CERTIFICATE REQUEST})
	 * @return the request; its signature is not checked here
	 * @throws IllegalArgumentException if the text holds no CSR
	 */
	public static PKCS10CertificationRequest parseCsr(String pem) {
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			Object object;
			while ((object = parser.readObject()) != null) {
				if (object instanceof PKCS10CertificationRequest csr) {
					return csr;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("malformed certificate signing request: " + ex.getMessage(), ex);
		}
		throw new IllegalArgumentException("no certificate signing request (BEGIN CERTIFICATE REQUEST) found");
	}

	/**
	 * Encodes certificates as PEM, one block each, in the given order.
	 * @param certificates the certificates
	 * @return the PEM text
	 * @throws IllegalArgumentException if a certificate cannot be encoded
	 */
	public static String toPem(List<X509Certificate> certificates) {
		StringBuilder pem = new StringBuilder();
		for (X509Certificate certificate : certificates) {
			try {
				pem.append(block("CERTIFICATE", certificate.getEncoded()));
			}
			catch (CertificateEncodingException ex) {
				throw new IllegalArgumentException("cannot encode certificate", ex);
			}
		}
		return pem.toString();
	}

	/**
	 * Encodes one certificate as PEM.
	 * @param certificate the certificate
	 * @return the PEM text
	 */
	public static String toPem(X509Certificate certificate) {
		return toPem(List.of(certificate));
	}

	/**
	 * Encodes a private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}).
	 * @param key the key
	 * @return the PEM text
	 * @throws IllegalArgumentException if the key cannot be exported (a hardware key)
	 */
	public static String toPem(PrivateKey key) {
		byte[] encoded = key.getEncoded();
		if (encoded == null || !"PKCS#8".equals(key.getFormat())) {
			throw new IllegalArgumentException("private key cannot be exported as PKCS#8");
		}
		return block("PRIVATE KEY", encoded);
	}

	/**
	 * Encodes a certificate signing request as PEM.
	 * @param csr the request
	 * @return the PEM text
	 */
	public static String toPem(PKCS10CertificationRequest csr) {
		try {
			return block("CERTIFICATE REQUEST", csr.getEncoded());
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot encode certificate signing request", ex);
		}
	}

	/**
	 * Writes certificates to a PEM file, creating parent directories.
	 * @param file the target
	 * @param certificates the certificates, leaf first
	 * @param overwrite whether an existing file may be replaced
	 * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is
	 * false
	 * @throws IOException if writing fails
	 */
	public static void writeCertificates(Path file, List<X509Certificate> certificates, boolean overwrite)
			throws IOException {
		write(file, toPem(certificates), false, overwrite);
	}

	/**
	 * Writes a private key as PKCS#8 PEM, readable and writable by the owner only (POSIX
	 * mode 600) on file systems that support POSIX permissions. The permissions are set
	 * as the file is created, so the key is never readable by others, not even briefly.
	 * @param file the target
	 * @param key the key
	 * @param overwrite whether an existing file may be replaced
	 * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is
	 * false
	 * @throws IOException if writing fails
	 */
	public static void writePrivateKey(Path file, PrivateKey key, boolean overwrite) throws IOException {
		write(file, toPem(key), true, overwrite);
	}

	/**
	 * Writes a certificate file and its key file together. When {@code overwrite} is
	 * false, both targets are checked before anything is written, so a refusal leaves no
	 * half-written pair behind.
	 * @param certificateFile the certificate target
	 * @param certificates the certificates, leaf first
	 * @param keyFile the key target
	 * @param key the private key
	 * @param overwrite whether existing files may be replaced
	 * @return the written pair
	 * @throws FileAlreadyExistsException if a target exists and {@code overwrite} is
	 * false; {@link FileAlreadyExistsException#getFile()} names it
	 * @throws IOException if writing fails
	 */
	public static PemPair writePair(Path certificateFile, List<X509Certificate> certificates, Path keyFile,
			PrivateKey key, boolean overwrite) throws IOException {
		if (!overwrite) {
			refuseExisting(keyFile);
			refuseExisting(certificateFile);
		}
		writePrivateKey(keyFile, key, overwrite);
		writeCertificates(certificateFile, certificates, overwrite);
		return new PemPair(certificateFile, keyFile);
	}

	/**
	 * Throws if a file exists, for callers that want to refuse before doing expensive
	 * work.
	 * @param file the file
	 * @throws FileAlreadyExistsException if it exists
	 */
	public static void refuseExisting(Path file) throws FileAlreadyExistsException {
		if (Files.exists(file)) {
			throw new FileAlreadyExistsException(file.toString(), null, "already exists");
		}
	}

	static PublicKey toPublicKey(SubjectPublicKeyInfo info) {
		try {
			return KeyFactory.getInstance(keyAlgorithm(info.getAlgorithm().getAlgorithm()))
				.generatePublic(new X509EncodedKeySpec(info.getEncoded()));
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalArgumentException("unsupported public key: " + ex.getMessage(), ex);
		}
	}

	private static PrivateKey toPrivateKey(PrivateKeyInfo info, Path file) throws IOException {
		try {
			return KeyFactory.getInstance(keyAlgorithm(info.getPrivateKeyAlgorithm().getAlgorithm()))
				.generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IOException("unsupported private key in " + file + ": " + ex.getMessage(), ex);
		}
	}

	// The JDK providers know these by name, not by OID, and BouncyCastle's JCA converters
	// would ask for names ("ECDSA") that only the BouncyCastle provider registers.
	private static String keyAlgorithm(ASN1ObjectIdentifier oid) {
		if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
			return "EC";
		}
		if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
			return "RSA";
		}
		if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
			return "Ed25519";
		}
		throw new IllegalArgumentException("key algorithm " + oid + " is not supported");
	}

	private static String block(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	private static void write(Path file, String content, boolean secret, boolean overwrite) throws IOException {
		Path target = file.toAbsolutePath();
		Path directory = target.getParent();
		Files.createDirectories(directory);
		FileAttribute<?>[] attributes = (secret && supportsPosix(directory)) ? new FileAttribute<?>[] { OWNER_ONLY }
				: new FileAttribute<?>[0];
		byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
		if (!overwrite) {
			// createFile fails atomically when the file exists, closing the
			// check-then-write race that Files.exists would leave open.
			Files.createFile(target, attributes);
			Files.write(target, bytes);
			return;
		}
		if (!secret) {
			Files.write(target, bytes);
			return;
		}
		// A replaced key goes through a fresh owner-only file and
		// a rename, so neither a half-written key nor the old
		// file's (possibly looser) permissions are ever seen.
		Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp", attributes);
		try {
			Files.write(temporary, bytes);
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static boolean supportsPosix(Path directory) {
		return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
