package io.octoplane.testsupport.certs;

import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;

import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.PemFiles;
import io.octoplane.certs.PemPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CertFixturesTests {

	@TempDir
	Path dir;

	@Test
	void mintsEveryKindOfCertificate() throws Exception {
		CertFixtures fixtures = CertFixtures.create(this.dir);
		X509Certificate ca = PemFiles.readCertificate(fixtures.caCert());
		assertThat(ca).isEqualTo(fixtures.ca().certificate());

		X509Certificate brain = read(fixtures.brain(), ca);
		assertThat(CertificateRole.of(brain)).contains(CertificateRole.BRAIN);
		assertThat(brain.getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"), List.of(7, "127.0.0.1"),
				List.of(7, "0:0:0:0:0:0:0:1"));
		assertThat(CertificateRole.of(read(fixtures.nameserver(), ca))).contains(CertificateRole.NAMESERVER);
		assertThat(CertificateRole.of(read(fixtures.node("n1"), ca))).contains(CertificateRole.NODE);
		assertThat(CertificateRole.of(read(fixtures.operator("alice"), ca))).contains(CertificateRole.OPERATOR);
		assertThat(CertificateRole.of(read(fixtures.nodeWithoutRole("n1"), ca))).isEmpty();

		X509Certificate expired = read(fixtures.expiredNode("n1"), ca);
		assertThatExceptionOfType(CertificateExpiredException.class).isThrownBy(expired::checkValidity);
		X509Certificate notYetValid = read(fixtures.notYetValidNode("n1"), ca);
		assertThatExceptionOfType(CertificateNotYetValidException.class).isThrownBy(notYetValid::checkValidity);

		X509Certificate foreignCa = PemFiles.readCertificate(fixtures.foreignCaCert());
		X509Certificate foreign = read(fixtures.foreignNode("n1"), foreignCa);
		assertThat(CertificateRole.of(foreign)).contains(CertificateRole.NODE);
		assertThat(foreignCa).isNotEqualTo(ca);
	}

	@Test
	void cachesPerName() {
		CertFixtures fixtures = CertFixtures.create(this.dir);
		assertThat(fixtures.node("n1")).isEqualTo(fixtures.node("n1"));
		assertThat(fixtures.node("n1")).isNotEqualTo(fixtures.node("n2"));
		assertThat(fixtures.node("n1")).isNotEqualTo(fixtures.expiredNode("n1"));
	}

	private static X509Certificate read(PemPair pair, X509Certificate issuer) throws Exception {
		X509Certificate certificate = PemFiles.readCertificate(pair.certificate());
		certificate.verify(issuer.getPublicKey());
		assertThat(PemFiles.readPrivateKeyFor(pair.privateKey(), certificate)).isNotNull();
		return certificate;
	}

}
