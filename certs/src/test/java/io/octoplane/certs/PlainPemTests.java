package io.octoplane.certs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class PlainPemTests {

	private final Clock clock = Clock.systemUTC();

	private final CertificateAuthority ca = CertificateAuthority.create("Test CA", Duration.ofDays(10), this.clock);

	@TempDir
	Path dir;

	@Test
	void readsTheChainAndKeyOctoplaneWrites() throws Exception {
		IssuedCertificate issued = issue("n1");
		PemPair pair = issued.writeTo(this.dir.resolve("n1.pem"), this.dir.resolve("n1-key.pem"), false);
		Path chain = Files.writeString(this.dir.resolve("chain.pem"),
				PemFiles.toPem(List.of(issued.certificate(), issued.issuer())));
		assertThat(PlainPem.readCertificates(chain)).hasValue(List.of(issued.certificate(), issued.issuer()));
		assertThat(PlainPem.readPrivateKeyFor(pair.privateKey(), issued.certificate())).hasValue(issued.privateKey());
	}

	@Test
	void keyOfAnotherCertificateIsRefused() throws Exception {
		PemPair mine = issue("n1").writeTo(this.dir.resolve("n1.pem"), this.dir.resolve("n1-key.pem"), false);
		IssuedCertificate other = issue("n2");
		assertThatIOException().isThrownBy(() -> PlainPem.readPrivateKeyFor(mine.privateKey(), other.certificate()))
			.withMessageContaining("does not belong to certificate");
	}

	@Test
	void otherFormsAreLeftToPemFiles() throws Exception {
		IssuedCertificate issued = issue("n1");
		Path legacy = Files.writeString(this.dir.resolve("legacy.pem"),
				"-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
		Path noCertificate = Files.writeString(this.dir.resolve("empty.pem"), "nothing here\n");
		assertThat(PlainPem.readPrivateKeyFor(legacy, issued.certificate())).isEmpty();
		assertThat(PlainPem.readCertificates(noCertificate)).isEmpty();
	}

	private IssuedCertificate issue(String name) {
		return this.ca.issue(IssueRequest.of(CertificateRole.NODE, name, Duration.ofDays(1), this.clock));
	}

}
