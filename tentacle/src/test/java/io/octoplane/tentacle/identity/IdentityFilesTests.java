package io.octoplane.tentacle.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;

import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.IssueRequest;
import io.octoplane.certs.IssuedCertificate;
import io.octoplane.certs.PemFiles;
import io.octoplane.certs.PemPair;
import io.octoplane.testsupport.certs.CertFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityFilesTests {

	@TempDir
	Path dir;

	private CertFixtures fixtures;

	private IdentityFiles files;

	private X509Certificate oldCertificate;

	@BeforeEach
	void oldPair() throws IOException {
		this.fixtures = CertFixtures.create(Files.createDirectory(this.dir.resolve("fixtures")));
		PemPair old = this.fixtures.node("pi1");
		Path cert = Files.copy(old.certificate(), this.dir.resolve("node.pem"));
		Path key = Files.copy(old.privateKey(), this.dir.resolve("node-key.pem"));
		this.files = new IdentityFiles(cert, key);
		this.oldCertificate = PemFiles.readCertificate(cert);
	}

	private IssuedCertificate fresh() {
		return this.fixtures.ca()
			.issue(IssueRequest.of(CertificateRole.NODE, "pi1", Duration.ofDays(1), Clock.systemUTC()));
	}

	private X509Certificate certificateOnDisk() throws IOException {
		return PemFiles.readCertificate(this.files.certificate());
	}

	private void assertWholePair() throws IOException {
		PemFiles.readPrivateKeyFor(this.files.key(), certificateOnDisk());
		assertThat(IdentityFiles.next(this.files.key())).doesNotExist();
		assertThat(IdentityFiles.next(this.files.certificate())).doesNotExist();
	}

	@Test
	void replaceWritesBothFilesWithAnOwnerOnlyKey() throws IOException {
		IssuedCertificate fresh = fresh();
		this.files.replace(fresh.privateKey(), fresh.certificate());
		assertThat(certificateOnDisk()).isEqualTo(fresh.certificate());
		assertWholePair();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.files.key())))
			.isEqualTo("rw-------");
		try (var listing = Files.list(this.dir)) {
			assertThat(listing.map((path) -> path.getFileName().toString())).containsExactlyInAnyOrder("fixtures",
					"node.pem", "node-key.pem");
		}
	}

	@Test
	void replaceWritesAPairWhereThereWasNone() throws IOException {
		IdentityFiles empty = new IdentityFiles(this.dir.resolve("new/node.pem"), this.dir.resolve("new/node.key"));
		assertThat(empty.absent()).isTrue();
		IssuedCertificate fresh = fresh();
		empty.replace(fresh.privateKey(), fresh.certificate());
		assertThat(empty.absent()).isFalse();
		PemFiles.readPrivateKeyFor(empty.key(), PemFiles.readCertificate(empty.certificate()));
	}

	@Test
	void recoverDiscardsAKeyWrittenWithoutItsCertificate() throws IOException {
		IssuedCertificate fresh = fresh();
		Files.writeString(IdentityFiles.next(this.files.key()), PemFiles.toPem(fresh.privateKey()));
		this.files.recover();
		assertThat(certificateOnDisk()).isEqualTo(this.oldCertificate);
		assertWholePair();
	}

	@Test
	void recoverCompletesAPairWrittenButNotRenamed() throws IOException {
		IssuedCertificate fresh = fresh();
		Files.writeString(IdentityFiles.next(this.files.key()), PemFiles.toPem(fresh.privateKey()));
		Files.writeString(IdentityFiles.next(this.files.certificate()), PemFiles.toPem(fresh.certificate()));
		this.files.recover();
		assertThat(certificateOnDisk()).isEqualTo(fresh.certificate());
		assertWholePair();
	}

	@Test
	void recoverCompletesAPairWhoseKeyWasAlreadyRenamed() throws IOException {
		// The crash window in which key and certificate on disk do not match.
		IssuedCertificate fresh = fresh();
		Files.writeString(this.files.key(), PemFiles.toPem(fresh.privateKey()));
		Files.writeString(IdentityFiles.next(this.files.certificate()), PemFiles.toPem(fresh.certificate()));
		this.files.recover();
		assertThat(certificateOnDisk()).isEqualTo(fresh.certificate());
		assertWholePair();
	}

	@Test
	void recoverKeepsTheOldPairWhenTheNewOneDoesNotMatch() throws IOException {
		IssuedCertificate fresh = fresh();
		PrivateKey stranger = fresh().privateKey();
		Files.writeString(IdentityFiles.next(this.files.key()), PemFiles.toPem(stranger));
		Files.writeString(IdentityFiles.next(this.files.certificate()), PemFiles.toPem(fresh.certificate()));
		this.files.recover();
		assertThat(certificateOnDisk()).isEqualTo(this.oldCertificate);
		assertWholePair();
	}

	@Test
	void recoverWithNothingPendingChangesNothing() throws IOException {
		this.files.recover();
		assertThat(certificateOnDisk()).isEqualTo(this.oldCertificate);
		assertWholePair();
	}

}
