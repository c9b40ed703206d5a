package io.octoplane.certs;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CertificateAuthorityTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final CertificateAuthority ca = CertificateAuthority.create("Octoplane CA", Duration.ofDays(3650),
			this.clock);

	@Test
	void caCertificateIsSelfSignedLeafOnlyCa() throws Exception {
		X509Certificate certificate = this.ca.certificate();
		certificate.verify(certificate.getPublicKey());
		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=Octoplane CA");
		assertThat(certificate.getBasicConstraints()).isZero();
		assertThat(certificate.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false,
				false);
		assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
		assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
		assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
		assertThat(certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
		assertThat(certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
	}

	@Test
	void issueNodeCertificate() throws Exception {
		IssuedCertificate issued = this.ca
			.issue(IssueRequest.of(CertificateRole.NODE, "web-01", Duration.ofDays(365), this.clock));
		X509Certificate certificate = issued.certificate();
		certificate.verify(this.ca.certificate().getPublicKey());
		assertThat(issued.issuer()).isEqualTo(this.ca.certificate());
		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=web-01,OU=node");
		assertThat(certificate.getIssuerX500Principal()).isEqualTo(this.ca.certificate().getSubjectX500Principal());
		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
		assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
		assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
		assertThat(certificate.getKeyUsage()[2]).as("keyEncipherment").isFalse();
		assertThat(certificate.getSubjectAlternativeNames()).isNull();
		assertThat(certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
		assertThat(certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
		assertThat(certificate.getSerialNumber()).isPositive();
		assertThat(issued.privateKey().getAlgorithm()).isEqualTo("EC");
		assertThat(issued.toString()).contains("web-01").doesNotContain("private");
	}

	@Test
	void issueServerCertificateWithSubjectAlternativeNames() throws Exception {
		X509Certificate certificate = this.ca
			.issue(IssueRequest.of(CertificateRole.BRAIN, "brain", Duration.ofDays(825), this.clock)
				.withSubjectAlternativeNames("localhost", "brain.example.com", "127.0.0.1", "::1"))
			.certificate();
		assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
		assertThat(certificate.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(2, "localhost"),
				List.of(2, "brain.example.com"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
	}

	@Test
	void issueHonoursValidityWindow() {
		Instant notBefore = Instant.parse("2027-01-01T00:00:00Z");
		Instant notAfter = Instant.parse("2027-02-01T00:00:00Z");
		X509Certificate certificate = this.ca
			.issue(IssueRequest.of(CertificateRole.OPERATOR, "alice", Duration.ofDays(1), this.clock)
				.withValidity(notBefore, notAfter))
			.certificate();
		assertThat(certificate.getNotBefore().toInstant()).isEqualTo(notBefore);
		assertThat(certificate.getNotAfter().toInstant()).isEqualTo(notAfter);
	}

	@Test
	void issueBeyondCaLifetimeIsRefused() {
		CertificateAuthority shortLived = CertificateAuthority.create("Short CA", Duration.ofDays(30), this.clock);
		assertThatIllegalArgumentException().isThrownBy(
				() -> shortLived.issue(IssueRequest.of(CertificateRole.NODE, "n1", Duration.ofDays(31), this.clock)))
			.withMessageContaining("after the CA itself");
	}

	@Test
	void issueRsaKeys() throws Exception {
		IssuedCertificate issued = this.ca
			.issue(IssueRequest.of(CertificateRole.NODE, "rsa-node", Duration.ofDays(1), this.clock)
				.withKeyType(KeyType.RSA_3072));
		assertThat(issued.privateKey().getAlgorithm()).isEqualTo("RSA");
		assertThat(issued.certificate().getKeyUsage()[2]).as("keyEncipherment").isTrue();
		issued.certificate().verify(this.ca.certificate().getPublicKey());
	}

	@Test
	void rsaCaSignsWithRsa() throws Exception {
		CertificateAuthority rsa = CertificateAuthority.create("RSA CA", Duration.ofDays(10), KeyType.RSA_3072,
				this.clock);
		X509Certificate certificate = rsa
			.issue(IssueRequest.of(CertificateRole.NODE, "n1", Duration.ofDays(1), this.clock))
			.certificate();
		assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
		certificate.verify(rsa.certificate().getPublicKey());
	}

	@Test
	void serialsAreRandomPositiveAndSixteenBytes() {
		Set<BigInteger> serials = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			BigInteger serial = this.ca
				.issue(IssueRequest.of(CertificateRole.NODE, "n" + i, Duration.ofDays(1), this.clock))
				.certificate()
				.getSerialNumber();
			assertThat(serial.signum()).isPositive();
			assertThat(serial.toByteArray()).hasSize(16);
			serials.add(serial);
		}
		assertThat(serials).hasSize(20);
	}

	@Test
	void signCsrForcesCommonNameAndRole() throws Exception {
		KeyPair keyPair = KeyType.EC_P256.generateKeyPair();
		String csr = csr(keyPair, "brain", "mallory");
		X509Certificate certificate = this.ca.signCsr(csr, CertificateRole.NODE, "web-02", Duration.ofDays(90));
		certificate.verify(this.ca.certificate().getPublicKey());
		assertThat(certificate.getPublicKey()).isEqualTo(keyPair.getPublic());
		assertThat(CertificateRole.of(certificate)).contains(CertificateRole.NODE);
		assertThat(CertificateRole.commonName(certificate)).isEqualTo("web-02");
		assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
		assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
		assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(90)));
	}

	@Test
	void signCsrAcceptsSigningRequestsFromBothKeyTypes() throws Exception {
		for (KeyType type : KeyType.values()) {
			KeyPair keyPair = type.generateKeyPair();
			String csr = SigningRequests.create(keyPair, "web-03");
			assertThat(csr).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
			X509Certificate certificate = this.ca.signCsr(csr, CertificateRole.OPERATOR, "carol", Duration.ofDays(1));
			assertThat(certificate.getPublicKey()).isEqualTo(keyPair.getPublic());
			assertThat(CertificateRole.of(certificate)).contains(CertificateRole.OPERATOR);
			assertThat(CertificateRole.commonName(certificate)).isEqualTo("carol");
		}
	}

	@Test
	void signCsrRejectsCsrSignedWithAnotherKey() throws Exception {
		KeyPair keyPair = KeyType.EC_P256.generateKeyPair();
		KeyPair other = KeyType.EC_P256.generateKeyPair();
		PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
				new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "n1").build(), keyPair.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withECDSA").build(other.getPrivate()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.ca.signCsr(PemFiles.toPem(csr), CertificateRole.NODE, "n1", Duration.ofDays(1)))
			.withMessageContaining("signature is invalid");
	}

	@Test
	void signCsrRejectsGarbage() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.ca.signCsr("hello", CertificateRole.NODE, "n1", Duration.ofDays(1)))
			.withMessageContaining("no certificate signing request");
	}

	@Test
	void signCsrValidatesName() throws Exception {
		String csr = csr(KeyType.EC_P256.generateKeyPair(), "node", "n1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.ca.signCsr(csr, CertificateRole.NODE, "../n1", Duration.ofDays(1)))
			.withMessageContaining("invalid node name");
	}

	@Test
	void writeToAndLoadRoundTrip(@TempDir Path dir) throws Exception {
		this.ca.writeTo(dir.resolve("ca.pem"), dir.resolve("ca-key.pem"), false);
		CertificateAuthority loaded = CertificateAuthority.load(dir.resolve("ca.pem"), dir.resolve("ca-key.pem"),
				this.clock);
		assertThat(loaded.certificate()).isEqualTo(this.ca.certificate());
		X509Certificate certificate = loaded
			.issue(IssueRequest.of(CertificateRole.NODE, "n1", Duration.ofDays(1), this.clock))
			.certificate();
		certificate.verify(this.ca.certificate().getPublicKey());
	}

	@Test
	void loadRejectsKeyOfAnotherCa(@TempDir Path dir) throws IOException {
		this.ca.writeTo(dir.resolve("ca.pem"), dir.resolve("ca-key.pem"), false);
		CertificateAuthority.create("Other", Duration.ofDays(1), this.clock)
			.writeTo(dir.resolve("other.pem"), dir.resolve("other-key.pem"), false);
		assertThatIOException()
			.isThrownBy(() -> CertificateAuthority.load(dir.resolve("ca.pem"), dir.resolve("other-key.pem")))
			.withMessageContaining("does not belong to certificate");
	}

	@Test
	void loadRejectsLeafCertificate(@TempDir Path dir) throws IOException {
		PemPair leaf = this.ca.issue(IssueRequest.of(CertificateRole.NODE, "n1", Duration.ofDays(1), this.clock))
			.writeTo(dir.resolve("n1.pem"), dir.resolve("n1-key.pem"), false);
		assertThatIOException().isThrownBy(() -> CertificateAuthority.load(leaf.certificate(), leaf.privateKey()))
			.withMessageContaining("not a CA certificate");
	}

	@Test
	void createRejectsBlankName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertificateAuthority.create(" ", Duration.ofDays(1), this.clock));
	}

	private static String csr(KeyPair keyPair, String ou, String cn) throws Exception {
		PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
				new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.OU, ou).addRDN(BCStyle.CN, cn).build(),
				keyPair.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()));
		return PemFiles.toPem(csr);
	}

}
