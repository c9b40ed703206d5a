package io.octoplane.tentacle.enroll;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.PemFiles;
import io.octoplane.certs.PemPair;
import io.octoplane.tentacle.config.ConfigOverrides;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.tentacle.config.TentacleConfigException;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.ports.FreePorts;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EnrollmentIT {

	@TempDir
	static Path certs;

	private static CertFixtures fixtures;

	@TempDir
	Path dir;

	private EnrollStub stub;

	@BeforeAll
	static void mintCertificates() {
		fixtures = CertFixtures.create(certs);
	}

	@AfterEach
	void stopStub() {
		if (this.stub != null) {
			this.stub.close();
		}
	}

	private EnrollStub stub(CertFixtures server) throws Exception {
		this.stub = new EnrollStub(fixtures, server);
		return this.stub;
	}

	private TentacleConfig config(URI brainApi, String token, String name) throws IOException {
		Path yaml = Files.writeString(this.dir.resolve("tentacle.yaml"),
				"brain: 127.0.0.1\ncert: node/node.pem\nkey: node/node-key.pem\nca: " + fixtures.caCert() + "\n"
						+ "workspace: ws\nbackoffInitial: 10ms\nbackoffMax: 40ms\nconnectTimeout: 2s\n");
		return TentacleConfig.load(yaml, Map.of("OCTOPLANE_JOIN_TOKEN", token),
				new ConfigOverrides(null, null, null, null, null, null, name, brainApi.toString()));
	}

	private static boolean enroll(TentacleConfig config) throws Exception {
		return new Enrollment(config, RandomGenerator.getDefault()).enrollIfNeeded();
	}

	@Test
	void enrollsAndWritesAMatchingOwnerOnlyPair() throws Exception {
		EnrollStub stub = stub(fixtures);
		TentacleConfig config = config(stub.uri(), EnrollStub.TOKEN, "pi7");
		assertThat(enroll(config)).isTrue();
		X509Certificate certificate = PemFiles.readCertificate(config.cert());
		assertThat(CertificateRole.commonName(certificate)).isEqualTo("pi7");
		assertThat(CertificateRole.of(certificate)).contains(CertificateRole.NODE);
		PrivateKey key = PemFiles.readPrivateKeyFor(config.key(), certificate);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.key()))).isEqualTo("rw-------");
		// The body holds the token, the name and a CSR for the saved key, and nothing
		// else that could carry key material.
		assertThat(stub.bodies).singleElement().satisfies((body) -> {
			assertThat(body).doesNotContain("PRIVATE KEY");
			JsonNode json = JsonMapper.builder().build().readTree(body);
			assertThat(json.propertyNames()).containsExactlyInAnyOrder("token", "node_name", "csr_pem");
			assertThat(json.get("node_name").asString()).isEqualTo("pi7");
			PKCS10CertificationRequest csr = PemFiles.parseCsr(json.get("csr_pem").asString());
			assertThat(csr.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(certificate.getPublicKey().getEncoded());
		});
		assertThat(key.getAlgorithm()).isEqualTo("EC");
		try (var listing = Files.list(config.cert().getParent())) {
			assertThat(listing.map((path) -> path.getFileName().toString())).containsExactlyInAnyOrder("node.pem",
					"node-key.pem");
		}
	}

	@Test
	void existingFilesSkipEnrollment() throws Exception {
		EnrollStub stub = stub(fixtures);
		TentacleConfig config = config(stub.uri(), EnrollStub.TOKEN, "pi8");
		PemPair existing = fixtures.node("pi8");
		Files.createDirectories(config.cert().getParent());
		Files.copy(existing.certificate(), config.cert());
		Files.copy(existing.privateKey(), config.key());
		assertThat(enroll(config)).isFalse();
		assertThat(stub.bodies).isEmpty();
		assertThat(config.cert()).hasSameTextualContentAs(existing.certificate());
	}

	@Test
	void onlyOneOfTheFilesIsAConfigurationError() throws Exception {
		EnrollStub stub = stub(fixtures);
		TentacleConfig config = config(stub.uri(), EnrollStub.TOKEN, "pi8");
		Files.createDirectories(config.key().getParent());
		Files.copy(fixtures.node("pi8").privateKey(), config.key());
		assertThatExceptionOfType(TentacleConfigException.class).isThrownBy(() -> enroll(config))
			.withMessageContaining("only one of");
		assertThat(stub.bodies).isEmpty();
	}

	@Test
	void badTokenIsRefusedClearly() throws Exception {
		EnrollStub stub = stub(fixtures);
		TentacleConfig config = config(stub.uri(), "wrong-token-value", "pi9");
		assertThatExceptionOfType(EnrollmentException.class).isThrownBy(() -> enroll(config))
			.satisfies((ex) -> assertThat(ex.unreachable()).isFalse())
			.withMessageContaining("join token is unknown, expired or used up")
			.withMessageContaining("HTTP 401")
			.withMessageNotContaining("wrong-token-value")
			.withMessageNotContaining("\n");
		assertThat(config.cert()).doesNotExist();
		assertThat(config.key()).doesNotExist();
		assertThat(stub.bodies).hasSize(1);
	}

	@Test
	void takenNameIsRefusedClearly() throws Exception {
		EnrollStub stub = stub(fixtures);
		stub.alreadyEnrolled("pi1");
		TentacleConfig config = config(stub.uri(), EnrollStub.TOKEN, "pi1");
		assertThatExceptionOfType(EnrollmentException.class).isThrownBy(() -> enroll(config))
			.satisfies((ex) -> assertThat(ex.unreachable()).isFalse())
			.withMessageContaining("a node named pi1 is already enrolled (HTTP 409)");
		assertThat(config.key()).doesNotExist();
	}

	@Test
	void brainApiWithAnUntrustedCertificateIsRefusedWithoutRetrying() throws Exception {
		EnrollStub stub = stub(CertFixtures.create(Files.createDirectory(this.dir.resolve("other-ca"))));
		TentacleConfig config = config(stub.uri(), EnrollStub.TOKEN, "pi2");
		assertThatExceptionOfType(EnrollmentException.class).isThrownBy(() -> enroll(config))
			.satisfies((ex) -> assertThat(ex.unreachable()).isFalse())
			.withMessageStartingWith("TLS handshake with the brain API at 127.0.0.1:");
		assertThat(stub.bodies).isEmpty();
	}

	@Test
	void unreachableBrainApiIsRetriedThenReported() throws Exception {
		int port = FreePorts.take();
		TentacleConfig config = config(URI.create("https://127.0.0.1:" + port), EnrollStub.TOKEN, "pi3");
		long started = System.nanoTime();
		assertThatExceptionOfType(EnrollmentException.class).isThrownBy(() -> enroll(config))
			.satisfies((ex) -> assertThat(ex.unreachable()).isTrue())
			.withMessageStartingWith("enrollment failed after " + Enrollment.ATTEMPTS + " attempts: cannot reach "
					+ "the brain API at 127.0.0.1:" + port);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		assertThat(config.key()).doesNotExist();
	}

}
