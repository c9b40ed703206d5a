package io.octoplane.certs;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * An Octoplane certificate authority, held in memory: its self-signed certificate and
 * private key. It issues node, operator, brain and nameserver certificates following one
 * profile (role in OU and EKU, subject and authority key identifiers, random serials) and
 * signs enrollment CSRs, always deciding the subject itself.
 *
 * <p>
 * The CA certificate has {@code pathLenConstraint} 0: it signs leaves only, so a leaked
 * leaf key can never mint further certificates. Instances are thread-safe.
 */
public final class CertificateAuthority {

	private static final int SERIAL_BITS = 127;

	private final X509Certificate certificate;

	private final PrivateKey privateKey;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey, Clock clock) {
		this.certificate = certificate;
		this.privateKey = privateKey;
		this.clock = clock;
	}

	/**
	 * Creates a new CA with a fresh key pair and a self-signed certificate valid from
	 * {@link IssueRequest#CLOCK_SKEW_TOLERANCE} before now for {@code validity}.
	 * @param commonName the CA's subject CN, for example {@code Octoplane CA}
	 * @param validity how long the CA stays valid; it cannot issue beyond its own end
	 * @param keyType the CA key type; it also decides the signature algorithm of
	 * everything the CA signs
	 * @param clock the clock used now and for every later {@link #signCsr}
	 * @return the CA
	 * @throws IllegalArgumentException if the name is blank or the validity not positive
	 */
	public static CertificateAuthority create(String commonName, Duration validity, KeyType keyType, Clock clock) {
		Objects.requireNonNull(keyType, "keyType must not be null");
		if (commonName.isBlank() || commonName.chars().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("CA common name must not be blank or contain control characters");
		}
		if (validity.isNegative() || validity.isZero()) {
			throw new IllegalArgumentException("validity must be positive");
		}
		KeyPair keyPair = keyType.generateKeyPair();
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
		Instant now = clock.instant();
		try {
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(new SecureRandom()),
					date(now.minus(IssueRequest.CLOCK_SKEW_TOLERANCE)), date(now.plus(validity)), subject,
					keyPair.getPublic())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
				.addExtension(Extension.subjectKeyIdentifier, false,
						extensions.createSubjectKeyIdentifier(keyPair.getPublic()))
				.addExtension(Extension.authorityKeyIdentifier, false,
						extensions.createAuthorityKeyIdentifier(keyPair.getPublic()));
			X509Certificate certificate = sign(builder, keyPair.getPrivate());
			return new CertificateAuthority(certificate, keyPair.getPrivate(), clock);
		}
		catch (GeneralSecurityException | CertIOException ex) {
			throw new IllegalStateException("cannot create CA certificate", ex);
		}
	}

	/**
	 * Creates a new CA with an {@link KeyType#EC_P256} key.
	 * @param commonName the CA's subject CN
	 * @param validity how long the CA stays valid
	 * @param clock the clock
	 * @return the CA
	 * @throws IllegalArgumentException if the name is blank or the validity not positive
	 */
	public static CertificateAuthority create(String commonName, Duration validity, Clock clock) {
		return create(commonName, validity, KeyType.EC_P256, clock);
	}

	/**
	 * Loads a CA from its PEM certificate and key, using the system clock.
	 * @param caCertPem the CA certificate
	 * @param caKeyPem the CA private key (PKCS#8 or OpenSSL legacy form)
	 * @return the CA
	 * @throws java.nio.file.NoSuchFileException if a file does not exist
	 * @throws IOException if a file is unreadable, the certificate is not a CA or the key
	 * does not belong to it
	 */
	public static CertificateAuthority load(Path caCertPem, Path caKeyPem) throws IOException {
		return load(caCertPem, caKeyPem, Clock.systemUTC());
	}

	/**
	 * Loads a CA from its PEM certificate and key.
	 * @param caCertPem the CA certificate
	 * @param caKeyPem the CA private key (PKCS#8 or OpenSSL legacy form)
	 * @param clock the clock used by {@link #signCsr}
	 * @return the CA
	 * @throws java.nio.file.NoSuchFileException if a file does not exist
	 * @throws IOException if a file is unreadable, the certificate is not a CA or the key
	 * does not belong to it
	 */
	public static CertificateAuthority load(Path caCertPem, Path caKeyPem, Clock clock) throws IOException {
		X509Certificate certificate = PemFiles.readCertificate(caCertPem);
		if (certificate.getBasicConstraints() < 0) {
			throw new IOException("certificate in " + caCertPem + " is not a CA certificate");
		}
		PrivateKey key = PemFiles.readPrivateKeyFor(caKeyPem, certificate);
		return new CertificateAuthority(certificate, key, clock);
	}

	/**
	 * The CA's self-signed certificate: what peers put in their trust store.
	 * @return the certificate
	 */
	public X509Certificate certificate() {
		return this.certificate;
	}

	/**
	 * Issues a certificate with a freshly generated key pair.
	 * @param request what to issue
	 * @return the certificate, its private key and this CA's certificate
	 * @throws IllegalArgumentException if the request ends after this CA expires
	 */
	public IssuedCertificate issue(IssueRequest request) {
		KeyPair keyPair = request.keyType().generateKeyPair();
		List<GeneralName> names = new ArrayList<>();
		request.dnsNames().forEach((dns) -> names.add(new GeneralName(GeneralName.dNSName, dns)));
		for (InetAddress address : request.ipAddresses()) {
			names.add(new GeneralName(GeneralName.iPAddress, address.getHostAddress()));
		}
		X509Certificate certificate = sign(keyPair.getPublic(), subject(request.role(), request.commonName()),
				request.role().keyPurposes(), names, request.notBefore(), request.notAfter());
		return new IssuedCertificate(certificate, keyPair.getPrivate(), this.certificate);
	}

	/**
	 * Signs a PKCS#10 certificate signing request, as enrollment does: the CSR only
	 * contributes its public key (after its signature proves possession of the private
	 * key). Subject, role and extensions are decided here and anything the CSR asks for
	 * is ignored, so a tentacle cannot choose its own name or role.
	 * @param csrPem the CSR in PEM ({@code BEGIN CERTIFICATE REQUEST})
	 * @param role the role to issue
	 * @param commonName the name to issue, see {@link IssueRequest#isValidName}
	 * @param validity how long from now the certificate stays valid
	 * @return the signed certificate, valid from
	 * {@link IssueRequest#CLOCK_SKEW_TOLERANCE} before now
	 * @throws IllegalArgumentException if the CSR is malformed or its signature invalid,
	 * the name is invalid, the validity not positive or beyond this CA's end
	 */
	public X509Certificate signCsr(String csrPem, CertificateRole role, String commonName, Duration validity) {
		IssueRequest request = IssueRequest.of(role, commonName, validity, this.clock);
		PKCS10CertificationRequest csr = PemFiles.parseCsr(csrPem);
		PublicKey publicKey = PemFiles.toPublicKey(csr.getSubjectPublicKeyInfo());
		try {
			if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey))) {
				throw new IllegalArgumentException("certificate signing request signature is invalid");
			}
		}
		catch (OperatorCreationException | PKCSException ex) {
			throw new IllegalArgumentException("cannot verify certificate signing request: " + ex.getMessage(), ex);
		}
		return sign(publicKey, subject(role, commonName), role.keyPurposes(), List.of(), request.notBefore(),
				request.notAfter());
	}

	/**
	 * Writes the CA certificate and private key as PEM; the key gets POSIX mode 600.
	 * @param certPem the certificate target
	 * @param keyPem the key target
	 * @param overwrite whether existing files may be replaced
	 * @throws java.nio.file.FileAlreadyExistsException if a target exists and
	 * {@code overwrite} is false; nothing is written then
	 * @throws IOException if writing fails
	 */
	public void writeTo(Path certPem, Path keyPem, boolean overwrite) throws IOException {
		PemFiles.writePair(certPem, List.of(this.certificate), keyPem, this.privateKey, overwrite);
	}

	/**
	 * Signs a leaf certificate with any subject and key purposes. Package-private so
	 * tests and fixtures can mint deliberately malformed certificates (no role,
	 * contradicting EKU) that the public API refuses to make.
	 */
	X509Certificate sign(PublicKey publicKey, X500Name subject, List<KeyPurposeId> purposes,
			List<GeneralName> alternativeNames, Instant notBefore, Instant notAfter) {
		if (notAfter.isAfter(this.certificate.getNotAfter().toInstant())) {
			throw new IllegalArgumentException("certificate would end " + notAfter.truncatedTo(ChronoUnit.SECONDS)
					+ ", after the CA itself (" + this.certificate.getNotAfter().toInstant() + ")");
		}
		int usage = KeyUsage.digitalSignature;
		if ("RSA".equals(publicKey.getAlgorithm())) {
			// TLS 1.2 RSA key exchange encrypts with the certificate key.
			usage |= KeyUsage.keyEncipherment;
		}
		try {
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
					new JcaX509CertificateHolder(this.certificate).getSubject(), serial(this.random), date(notBefore),
					date(notAfter), subject, publicKey)
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true, new KeyUsage(usage))
				.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey))
				.addExtension(Extension.authorityKeyIdentifier, false,
						extensions.createAuthorityKeyIdentifier(this.certificate));
			if (!purposes.isEmpty()) {
				builder.addExtension(Extension.extendedKeyUsage, false,
						new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
			}
			if (!alternativeNames.isEmpty()) {
				builder.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
			}
			return sign(builder, this.privateKey);
		}
		catch (GeneralSecurityException | CertIOException ex) {
			throw new IllegalStateException("cannot sign certificate for " + subject, ex);
		}
	}

	static X500Name subject(CertificateRole role, String commonName) {
		return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.OU, role.ou())
			.addRDN(BCStyle.CN, commonName)
			.build();
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws CertificateException {
		try {
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder(KeyType.signatureAlgorithm(key)).build(key)));
		}
		catch (OperatorCreationException ex) {
			throw new IllegalStateException("cannot sign with " + key.getAlgorithm() + " key", ex);
		}
	}

	// Positive and a fixed 16 bytes long; 126 random bits make collisions and guessing
	// infeasible, which is what CA/B Forum's 64-bit minimum is for.
	private static BigInteger serial(SecureRandom random) {
		return new BigInteger(SERIAL_BITS, random).setBit(SERIAL_BITS - 1);
	}

	private static Date date(Instant instant) {
		return Date.from(instant.truncatedTo(ChronoUnit.SECONDS));
	}

}
