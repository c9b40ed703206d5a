package io.octoplane.nameserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.octoplane.certs.PemPair;
import io.octoplane.certs.release.ReleaseKeys;
import io.octoplane.certs.release.ReleaseSignature;
import io.octoplane.protocol.digest.Sha256;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release store over real HTTPS and Redis with real Ed25519 keys: signed uploads are
 * kept and served byte for byte; a wrong checksum, a wrong key, a signature for another
 * version and a non-operator certificate are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=" + NameserverApplication.CONFIG_NAME)
class ReleaseIT {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	static final CertFixtures certs;

	static final Path dir;

	static final KeyPair releaseKey;

	static final KeyPair otherKey;

	static {
		try {
			dir = Files.createTempDirectory("octoplane-ns-release-");
			certs = CertFixtures.create(dir.resolve("certs"));
			releaseKey = ReleaseKeys.generate();
			otherKey = ReleaseKeys.generate();
			ReleaseKeys.write(dir.resolve("release-key.pem"), dir.resolve("release-key.pub.pem"), releaseKey, false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		NameserverTestProperties.registerWithReleases(registry, redis, certs, dir);
	}

	@LocalServerPort
	int port;

	@Test
	void signedReleaseIsStoredByHashAndServedByteForByte() throws Exception {
		byte[] pkg = "tentacle 1.0.0 package".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> uploaded = upload(certs.operator("alice"), "tentacle", "1.0.0", pkg, sha256(pkg),
				ReleaseSignature.sign(releaseKey.getPrivate(), "tentacle", "1.0.0", sha256(pkg)));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		assertThat(uploaded.body()).contains("\"sha256\":\"" + sha256(pkg) + "\"", "\"uploaded_by\":\"alice\"");
		assertThat(dir.resolve("data/blobs/" + sha256(pkg).substring(0, 2) + "/" + sha256(pkg))).hasBinaryContent(pkg);

		HttpResponse<byte[]> download = client(certs.node("n1")).send(
				request("/api/v1/releases/tentacle/1.0.0/package").GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(pkg);
		assertThat(download.headers().firstValue("X-Octoplane-Sha256")).hasValue(sha256(pkg));
		assertThat(get(certs.node("n1"), "/api/v1/releases").body()).contains("\"version\":\"1.0.0\"");

		HttpResponse<String> again = upload(certs.operator("alice"), "tentacle", "1.0.0", pkg, sha256(pkg),
				ReleaseSignature.sign(releaseKey.getPrivate(), "tentacle", "1.0.0", sha256(pkg)));
		assertThat(again.statusCode()).as("same package again is accepted").isEqualTo(200);
		byte[] other = "other contents".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> changed = upload(certs.operator("alice"), "tentacle", "1.0.0", other, sha256(other),
				ReleaseSignature.sign(releaseKey.getPrivate(), "tentacle", "1.0.0", sha256(other)));
		assertThat(changed.statusCode()).isEqualTo(409);
		assertThat(changed.body()).contains("\"code\":\"conflict\"");
	}

	@Test
	void packageWithBadChecksumIsRefused() throws Exception {
		byte[] declared = "what was signed".getBytes(StandardCharsets.UTF_8);
		byte[] sent = "what arrived".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = upload(certs.operator("alice"), "tentacle", "2.0.0", sent, sha256(declared),
				ReleaseSignature.sign(releaseKey.getPrivate(), "tentacle", "2.0.0", sha256(declared)));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"code\":\"release-checksum-mismatch\"");
		assertThat(get(certs.operator("alice"), "/api/v1/releases/tentacle/2.0.0").body())
			.contains("\"code\":\"release-not-found\"");
		assertThat(dir.resolve("data/blobs/" + sha256(sent).substring(0, 2) + "/" + sha256(sent))).doesNotExist();
	}

	@Test
	void packageSignedWithAnotherKeyIsRefused() throws Exception {
		byte[] pkg = "forged".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = upload(certs.operator("alice"), "tentacle", "3.0.0", pkg, sha256(pkg),
				ReleaseSignature.sign(otherKey.getPrivate(), "tentacle", "3.0.0", sha256(pkg)));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"code\":\"release-signature-invalid\"");
	}

	@Test
	void signatureForAnotherVersionIsRefused() throws Exception {
		byte[] pkg = "replayed".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = upload(certs.operator("alice"), "tentacle", "4.0.1", pkg, sha256(pkg),
				ReleaseSignature.sign(releaseKey.getPrivate(), "tentacle", "4.0.0", sha256(pkg)));
		assertThat(response.body()).contains("\"code\":\"release-signature-invalid\"");
		HttpResponse<String> unsigned = upload(certs.operator("alice"), "tentacle", "4.0.2", pkg, sha256(pkg), null);
		assertThat(unsigned.body()).contains("\"code\":\"release-signature-invalid\"");
	}

	@Test
	void onlyOperatorsUpload() throws Exception {
		byte[] pkg = "from a node".getBytes(StandardCharsets.UTF_8);
		String signature = ReleaseSignature.sign(releaseKey.getPrivate(), "tentacle", "5.0.0", sha256(pkg));
		HttpResponse<String> node = upload(certs.node("n2"), "tentacle", "5.0.0", pkg, sha256(pkg), signature);
		assertThat(node.statusCode()).isEqualTo(403);
		HttpResponse<String> brain = upload(certs.brain(), "tentacle", "5.0.0", pkg, sha256(pkg), signature);
		assertThat(brain.statusCode()).isEqualTo(403);
		assertThat(brain.body()).contains("\"code\":\"forbidden\"", "only operator certificates");
	}

	private HttpResponse<String> upload(PemPair identity, String component, String version, byte[] body, String sha,
			String signature) throws Exception {
		HttpRequest.Builder request = request("/api/v1/releases/" + component + "/" + version)
			.header("Content-Type", "application/octet-stream")
			.header("X-Octoplane-Sha256", sha)
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body));
		if (signature != null) {
			request.header("X-Octoplane-Signature", signature);
		}
		return client(identity).send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(PemPair identity, String path) throws Exception {
		return client(identity).send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10));
	}

	private static HttpClient client(PemPair identity) throws Exception {
		SSLContext context = PemTls.clientContext(identity.certificate(), identity.privateKey(), certs.caCert());
		return HttpClient.newBuilder().sslContext(context).build();
	}

	private static String sha256(byte[] bytes) throws Exception {
		return Sha256.of(bytes);
	}

}
