package io.octoplane.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads the PEM forms Octoplane writes, certificates and unencrypted PKCS#8 private keys,
 * with the JDK alone. {@link io.octoplane.certs.tls.PemTls} tries it first and leaves
 * other forms (OpenSSL's legacy keys, encrypted keys, odd certificate files) to
 * {@link PemFiles}, which needs BouncyCastle: a long-running agent that only meets the
 * common forms never loads BouncyCastle's signed jar, whose verified manifest alone keeps
 * megabytes of heap.
 */
public final class PlainPem {

	private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String KEY_END = "-----END PRIVATE KEY-----";

	private PlainPem() {
	}

	/**
	 * Reads every certificate of a PEM file, in file order.
	 * @param file the PEM file
	 * @return the certificates, or empty if the JDK cannot read the file as certificates
	 * (then {@link PemFiles#readCertificates} may)
	 * @throws IOException if the file cannot be read
	 */
	public static Optional<List<X509Certificate>> readCertificates(Path file) throws IOException {
		byte[] bytes = Files.readAllBytes(file);
		try {
			List<X509Certificate> certificates = new ArrayList<>();
			for (var certificate : CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(bytes))) {
				certificates.add((X509Certificate) certificate);
			}
			return certificates.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(certificates));
		}
		catch (CertificateException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Reads an unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}) that belongs to
	 * a certificate.
	 * @param file the PEM key file
	 * @param certificate the certificate the key must belong to
	 * @return the key, or empty if the file holds another form (then
	 * {@link PemFiles#readPrivateKeyFor} may read it)
	 * @throws IOException if the file cannot be read or the key does not belong to the
	 * certificate
	 */
	public static Optional<PrivateKey> readPrivateKeyFor(Path file, X509Certificate certificate) throws IOException {
		String text = Files.readString(file, StandardCharsets.US_ASCII);
		int begin = text.indexOf(KEY_BEGIN);
		int end = text.indexOf(KEY_END);
		if (begin < 0 || end < begin) {
			return Optional.empty();
		}
		PrivateKey key;
		try {
			byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
			key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
				.generatePrivate(new PKCS8EncodedKeySpec(der));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			// Another algorithm than the certificate's, or malformed: PemFiles says
			// which.
			return Optional.empty();
		}
		if (!matches(key, certificate.getPublicKey())) {
			throw new IOException("private key " + file + " does not belong to certificate '"
					+ certificate.getSubjectX500Principal().getName() + "'");
		}
		return Optional.of(key);
	}

	// Signs and verifies a challenge: the one check that works for every key type.
	static boolean matches(PrivateKey key, PublicKey publicKey) {
		try {
			byte[] challenge = "octoplane key check".getBytes(StandardCharsets.US_ASCII);
			Signature signer = Signature.getInstance(KeyType.signatureAlgorithm(key));
			signer.initSign(key);
			signer.update(challenge);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(KeyType.signatureAlgorithm(publicKey));
			verifier.initVerify(publicKey);
			verifier.update(challenge);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

}
