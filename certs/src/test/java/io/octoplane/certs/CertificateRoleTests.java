package io.octoplane.certs;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CertificateRoleTests {

	private final Clock clock = Clock.systemUTC();

	private final CertificateAuthority ca = CertificateAuthority.create("Test CA", Duration.ofDays(10), this.clock);

	@Test
	void ofReadsEveryIssuedRole() {
		for (CertificateRole role : CertificateRole.values()) {
			X509Certificate certificate = this.ca.issue(IssueRequest.of(role, "peer-1", Duration.ofDays(1), this.clock))
				.certificate();
			assertThat(CertificateRole.of(certificate)).contains(role);
			assertThat(CertificateRole.commonName(certificate)).isEqualTo("peer-1");
		}
	}

	@Test
	void ouValuesAreStable() {
		assertThat(CertificateRole.values()).extracting(CertificateRole::ou)
			.containsExactly("node", "operator", "brain", "nameserver");
	}

	@Test
	void of_nodeOuWithServerAuthOnly_isEmpty() {
		assertThat(CertificateRole.of(sign(subject("node", "n1"), KeyPurposeId.id_kp_serverAuth))).isEmpty();
	}

	@Test
	void of_nodeOuThatIsAlsoServer_isEmpty() {
		assertThat(CertificateRole
			.of(sign(subject("node", "n1"), KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth))).isEmpty();
	}

	@Test
	void of_brainOuWithClientAuthOnly_isEmpty() {
		assertThat(CertificateRole.of(sign(subject("brain", "b"), KeyPurposeId.id_kp_clientAuth))).isEmpty();
	}

	@Test
	void of_operatorOuWithoutEku_isEmpty() {
		assertThat(CertificateRole.of(sign(subject("operator", "o")))).isEmpty();
	}

	@Test
	void of_unknownOu_isEmpty() {
		assertThat(CertificateRole.of(sign(subject("admin", "a"), KeyPurposeId.id_kp_clientAuth))).isEmpty();
	}

	@Test
	void of_twoOus_isEmpty() {
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.OU, "node")
			.addRDN(BCStyle.OU, "operator")
			.addRDN(BCStyle.CN, "x")
			.build();
		assertThat(CertificateRole.of(sign(subject, KeyPurposeId.id_kp_clientAuth))).isEmpty();
	}

	@Test
	void of_noOu_isEmpty() {
		X509Certificate certificate = sign(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "n1").build(),
				KeyPurposeId.id_kp_clientAuth);
		assertThat(CertificateRole.of(certificate)).isEmpty();
		assertThat(CertificateRole.commonName(certificate)).isEqualTo("n1");
	}

	@Test
	void of_caCertificate_isEmpty() {
		assertThat(CertificateRole.of(this.ca.certificate())).isEmpty();
	}

	@Test
	void commonName_missing_throws() {
		X509Certificate certificate = sign(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.OU, "node").build(),
				KeyPurposeId.id_kp_clientAuth);
		assertThatIllegalArgumentException().isThrownBy(() -> CertificateRole.commonName(certificate))
			.withMessageContaining("exactly one CN");
	}

	private static X500Name subject(String ou, String cn) {
		return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.OU, ou).addRDN(BCStyle.CN, cn).build();
	}

	private X509Certificate sign(X500Name subject, KeyPurposeId... purposes) {
		KeyPair keyPair = KeyType.EC_P256.generateKeyPair();
		Instant now = this.clock.instant();
		return this.ca.sign(keyPair.getPublic(), subject, List.of(purposes), List.of(), now,
				now.plus(Duration.ofDays(1)));
	}

}
