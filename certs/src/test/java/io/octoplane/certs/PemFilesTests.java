package io.octoplane.certs;

import java.io.StringWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assumptions.assumeThat;

class PemFilesTests {

	private final Clock clock = Clock.systemUTC();

	private final CertificateAuthority ca = CertificateAuthority.create("Test CA", Duration.ofDays(10), this.clock);

	@TempDir
	Path dir;

	@Test
	void writeToCreatesLeafOnlyCertificateAndPkcs8Key() throws Exception {
		IssuedCertificate issued = issue("n1");
		PemPair pair = issued.writeTo(this.dir.resolve("sub/n1.pem"), this.dir.resolve("sub/n1-key.pem"), false);
		assertThat(PemFiles.readCertificates(pair.certificate())).containsExactly(issued.certificate());
		assertThat(Files.readString(pair.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----\n");
		assertThat(PemFiles.readPrivateKey(pair.privateKey())).isEqualTo(issued.privateKey());
	}

	@Test
	void privateKeyIsOwnerOnly() throws Exception {
		assumeThat(this.dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
		PemPair pair = issue("n1").writeTo(this.dir.resolve("n1.pem"), this.dir.resolve("n1-key.pem"), false);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pair.privateKey())))
			.isEqualTo("rw-------");
		Files.setPosixFilePermissions(pair.privateKey(), PosixFilePermissions.fromString("rw-r--r--"));
		issue("n1").writeTo(pair.certificate(), pair.privateKey(), true);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pair.privateKey())))
			.isEqualTo("rw-------");
	}

	@Test
	void writeToRefusesToOverwriteAndWritesNothing() throws Exception {
		Path cert = this.dir.resolve("n1.pem");
		Path key = this.dir.resolve("n1-key.pem");
		Files.writeString(key, "keep me");
		assertThatExceptionOfType(FileAlreadyExistsException.class)
			.isThrownBy(() -> issue("n1").writeTo(cert, key, false))
			.satisfies((ex) -> assertThat(ex.getFile()).isEqualTo(key.toString()));
		assertThat(cert).doesNotExist();
		assertThat(key).hasContent("keep me");
	}

	@Test
	void writeToOverwritesWhenAsked() throws Exception {
		IssuedCertificate first = issue("n1");
		IssuedCertificate second = issue("n1");
		PemPair pair = first.writeTo(this.dir.resolve("n1.pem"), this.dir.resolve("n1-key.pem"), false);
		second.writeTo(pair.certificate(), pair.privateKey(), true);
		assertThat(PemFiles.readCertificate(pair.certificate())).isEqualTo(second.certificate());
		assertThat(PemFiles.readPrivateKey(pair.privateKey())).isEqualTo(second.privateKey());
		try (var files = Files.list(this.dir)) {
			assertThat(files).as("no temporary files left").hasSize(2);
		}
	}

	@Test
	void readsChainInOrder() throws Exception {
		IssuedCertificate issued = issue("n1");
		Path chain = this.dir.resolve("chain.pem");
		Files.writeString(chain, "leaf follows\n" + PemFiles.toPem(List.of(issued.certificate(), issued.issuer())));
		assertThat(PemFiles.readCertificates(chain)).containsExactly(issued.certificate(), issued.issuer());
		assertThat(PemFiles.readCertificate(chain)).isEqualTo(issued.certificate());
	}

	@Test
	void readsLegacyEcAndRsaKeys() throws Exception {
		for (KeyType type : KeyType.values()) {
			KeyPair keyPair = type.generateKeyPair();
			Path file = this.dir.resolve(type + ".pem");
			String pem = legacyPem(keyPair.getPrivate());
			Files.writeString(file, pem);
			assertThat(pem).startsWith("-----BEGIN " + (type == KeyType.RSA_3072 ? "RSA" : "EC") + " PRIVATE KEY-----");
			PrivateKey key = PemFiles.readPrivateKey(file);
			assertThat(key.getAlgorithm()).isEqualTo(keyPair.getPrivate().getAlgorithm());
			Signature signer = Signature.getInstance(KeyType.signatureAlgorithm(key));
			signer.initSign(key);
			signer.update(new byte[] { 1, 2, 3 });
			Signature verifier = Signature.getInstance(KeyType.signatureAlgorithm(key));
			verifier.initVerify(keyPair.getPublic());
			verifier.update(new byte[] { 1, 2, 3 });
			assertThat(verifier.verify(signer.sign())).isTrue();
		}
	}

	@Test
	void readCertificatesWithoutCertificateFails() throws Exception {
		Path file = this.dir.resolve("empty.pem");
		Files.writeString(file, "nothing here\n");
		assertThatIOException().isThrownBy(() -> PemFiles.readCertificates(file))
			.withMessageContaining("no certificate found in");
	}

	@Test
	void readPrivateKeyWithoutKeyFails() throws Exception {
		Path file = this.dir.resolve("cert.pem");
		Files.writeString(file, PemFiles.toPem(this.ca.certificate()));
		assertThatIOException().isThrownBy(() -> PemFiles.readPrivateKey(file))
			.withMessageContaining("no private key found in");
	}

	@Test
	void encryptedKeysAreRefusedWithHowToDecrypt() throws Exception {
		Path pkcs8 = this.dir.resolve("encrypted.pem");
		Files.writeString(pkcs8, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0w\n"
				+ "-----END ENCRYPTED PRIVATE KEY-----\n");
		assertThatIOException().isThrownBy(() -> PemFiles.readPrivateKey(pkcs8))
			.withMessageContaining("is encrypted; decrypt it first");
		Path legacy = this.dir.resolve("legacy-encrypted.pem");
		Files.writeString(legacy, "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
				+ "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\nAAAA\n-----END EC PRIVATE KEY-----\n");
		assertThatIOException().isThrownBy(() -> PemFiles.readPrivateKey(legacy))
			.withMessageContaining("is encrypted; decrypt it first");
	}

	@Test
	void garbageInsideAPemBlockIsAClearError() throws Exception {
		Path certificate = this.dir.resolve("bad-cert.pem");
		Files.writeString(certificate, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
		assertThatIOException().isThrownBy(() -> PemFiles.readCertificates(certificate))
			.withMessageContaining("malformed certificate in");
		Path key = this.dir.resolve("bad-key.pem");
		Files.writeString(key, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
		assertThatIOException().isThrownBy(() -> PemFiles.readPrivateKey(key)).withMessageContaining("private key in");
	}

	/**
	 * Encodes a key the way {@code openssl genrsa} / {@code openssl ecparam -genkey} do:
	 * the bare RSA or SEC1 structure, the latter with its curve inside.
	 */
	private static String legacyPem(PrivateKey key) throws Exception {
		PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
		String type = "RSA PRIVATE KEY";
		ASN1Encodable body = info.parsePrivateKey();
		if (key.getAlgorithm().equals("EC")) {
			ECPrivateKey sec1 = ECPrivateKey.getInstance(body);
			body = new ECPrivateKey(256, sec1.getKey(), sec1.getPublicKey(),
					info.getPrivateKeyAlgorithm().getParameters());
			type = "EC PRIVATE KEY";
		}
		StringWriter pem = new StringWriter();
		try (PemWriter writer = new PemWriter(pem)) {
			writer.writeObject(new PemObject(type, body.toASN1Primitive().getEncoded()));
		}
		return pem.toString();
	}

	private IssuedCertificate issue(String name) {
		return this.ca.issue(IssueRequest.of(CertificateRole.NODE, name, Duration.ofDays(1), this.clock));
	}

}
