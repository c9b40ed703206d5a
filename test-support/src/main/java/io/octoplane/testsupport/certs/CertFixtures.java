package io.octoplane.testsupport.certs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.octoplane.certs.CertificateAuthority;
import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.IssueRequest;
import io.octoplane.certs.IssuedCertificate;
import io.octoplane.certs.KeyType;
import io.octoplane.certs.PemFiles;
import io.octoplane.certs.PemPair;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Certificates for tests that need real TLS: one CA, the brain and nameserver server
 * certificates, and on demand node and operator client certificates, including the broken
 * ones that negative mTLS tests need (expired, not yet valid, signed by a foreign CA,
 * without a role). Everything is written as PEM under one directory, usually a
 * {@code @TempDir}, and minted once per fixture and name.
 *
 * <p>
 * Create one per test class; instances share nothing. All keys are EC P-256 so a fixture
 * costs milliseconds.
 */
public final class CertFixtures {

	private static final Duration CA_VALIDITY = Duration.ofDays(30);

	private static final Duration VALIDITY = Duration.ofDays(7);

	private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

	private final Path dir;

	private final Clock clock;

	private final CertificateAuthority ca;

	private final PemPair brain;

	private final Map<String, PemPair> issued = new HashMap<>();

	private @Nullable CertificateAuthority foreignCa;

	private CertFixtures(Path dir, Clock clock) {
		this.dir = dir;
		this.clock = clock;
		this.ca = writeTo(CertificateAuthority.create("Octoplane Test CA", CA_VALIDITY, KeyType.EC_P256, clock), dir,
				"ca");
		this.brain = server(CertificateRole.BRAIN, "brain");
	}

	/**
	 * Mints a CA and the brain's server certificate (CN {@code brain}, SANs
	 * {@code localhost}, {@code 127.0.0.1} and {@code ::1}) under {@code dir}.
	 * @param dir an empty directory owned by the test
	 * @return the fixtures
	 * @throws UncheckedIOException if the files cannot be written
	 */
	public static CertFixtures create(Path dir) {
		return create(dir, Clock.systemUTC());
	}

	/**
	 * Like {@link #create(Path)}, with validity windows computed from the given clock.
	 * @param dir an empty directory owned by the test
	 * @param clock the clock
	 * @return the fixtures
	 */
	public static CertFixtures create(Path dir, Clock clock) {
		return new CertFixtures(dir, clock);
	}

	/** The directory the PEM files are written to. */
	public Path dir() {
		return this.dir;
	}

	/** The CA certificate PEM: the trust anchor for every peer. */
	public Path caCert() {
		return this.dir.resolve("ca.pem");
	}

	/** The CA itself, for tests that sign CSRs or issue special certificates. */
	public CertificateAuthority ca() {
		return this.ca;
	}

	/** The brain's server certificate and key (CN {@code brain}, loopback SANs). */
	public PemPair brain() {
		return this.brain;
	}

	/**
	 * The nameserver's server certificate and key (CN {@code nameserver}, loopback SANs).
	 */
	public synchronized PemPair nameserver() {
		return this.issued.computeIfAbsent("nameserver", (key) -> server(CertificateRole.NAMESERVER, "nameserver"));
	}

	/** A valid node client certificate whose CN is {@code name}. */
	public synchronized PemPair node(String name) {
		return mint("node", name,
				() -> this.ca.issue(IssueRequest.of(CertificateRole.NODE, name, VALIDITY, this.clock)));
	}

	/** A valid operator client certificate whose CN is {@code name}. */
	public synchronized PemPair operator(String name) {
		return mint("operator", name,
				() -> this.ca.issue(IssueRequest.of(CertificateRole.OPERATOR, name, VALIDITY, this.clock)));
	}

	/** A node certificate that expired a day ago (valid for one day before that). */
	public synchronized PemPair expiredNode(String name) {
		Instant now = this.clock.instant();
		return mint("expired-node", name,
				() -> this.ca.issue(IssueRequest.of(CertificateRole.NODE, name, VALIDITY, this.clock)
					.withValidity(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)))));
	}

	/** A node certificate that only becomes valid tomorrow. */
	public synchronized PemPair notYetValidNode(String name) {
		Instant now = this.clock.instant();
		return mint("not-yet-valid-node", name,
				() -> this.ca.issue(IssueRequest.of(CertificateRole.NODE, name, VALIDITY, this.clock)
					.withValidity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)))));
	}

	/**
	 * A well-formed node certificate signed by another CA, see {@link #foreignCaCert()}.
	 */
	public synchronized PemPair foreignNode(String name) {
		CertificateAuthority foreign = foreignCa();
		return mint("foreign-node", name,
				() -> foreign.issue(IssueRequest.of(CertificateRole.NODE, name, VALIDITY, this.clock)));
	}

	/** The certificate of the other CA, which the brain must not trust. */
	public synchronized Path foreignCaCert() {
		foreignCa();
		return this.dir.resolve("foreign-ca.pem");
	}

	/**
	 * A client certificate signed by the right CA, with clientAuth, whose subject has a
	 * CN but no OU: it proves who it is but not that it is a node.
	 */
	public synchronized PemPair nodeWithoutRole(String name) {
		return mint("node-without-role", name, () -> {
			IssueRequest valid = IssueRequest.of(CertificateRole.NODE, name, VALIDITY, this.clock);
			KeyPair keyPair = KeyType.EC_P256.generateKeyPair();
			X509Certificate certificate = signWithoutRole(keyPair, name, valid.notBefore(), valid.notAfter());
			return new IssuedCertificate(certificate, keyPair.getPrivate(), this.ca.certificate());
		});
	}

	/**
	 * Signs with Bouncy Castle directly: the certs API refuses to make a client
	 * certificate without a role, which is the point of this one.
	 */
	private X509Certificate signWithoutRole(KeyPair keyPair, String name, Instant notBefore, Instant notAfter) {
		try {
			X509Certificate issuer = this.ca.certificate();
			PrivateKey caKey = PemFiles.readPrivateKeyFor(this.dir.resolve("ca-key.pem"), issuer);
			X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
					BigInteger.valueOf(System.nanoTime()), Date.from(notBefore), Date.from(notAfter), subject,
					keyPair.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("cannot sign a certificate without a role for " + name, ex);
		}
	}

	private CertificateAuthority foreignCa() {
		if (this.foreignCa == null) {
			this.foreignCa = writeTo(
					CertificateAuthority.create("Foreign Test CA", CA_VALIDITY, KeyType.EC_P256, this.clock), this.dir,
					"foreign-ca");
		}
		return this.foreignCa;
	}

	private PemPair server(CertificateRole role, String name) {
		IssuedCertificate certificate = this.ca
			.issue(IssueRequest.of(role, name, VALIDITY, this.clock).withSubjectAlternativeNames(LOOPBACK));
		return writeTo(certificate, this.dir, name);
	}

	private PemPair mint(String kind, String name, Supplier<IssuedCertificate> issuer) {
		return this.issued.computeIfAbsent(kind + "/" + name,
				(key) -> writeTo(issuer.get(), this.dir.resolve(kind), name));
	}

	private static PemPair writeTo(IssuedCertificate certificate, Path directory, String name) {
		try {
			return certificate.writeTo(directory.resolve(name + ".pem"), directory.resolve(name + "-key.pem"), false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static CertificateAuthority writeTo(CertificateAuthority ca, Path directory, String name) {
		try {
			ca.writeTo(directory.resolve(name + ".pem"), directory.resolve(name + "-key.pem"), false);
			return ca;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
