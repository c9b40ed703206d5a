package io.octoplane.brain.peer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.octoplane.brain.config.BrainIdentity;
import io.octoplane.brain.config.BrainProperties;
import io.octoplane.brain.redis.RedisTemplateExtension;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.api.BrainInfo;
import io.octoplane.server.blob.BlobStore;
import io.octoplane.testsupport.brain.BrainTestSupport;
import io.octoplane.testsupport.certs.CertFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PeerBlobsIT {

	@RegisterExtension
	static final RedisTemplateExtension redisServer = new RedisTemplateExtension();

	static final CertFixtures certs = BrainTestSupport.certificates();

	private static StringRedisTemplate redis;

	@TempDir
	Path dir;

	private BlobStore storeA;

	private BlobStore storeB;

	private PeerServer serverA;

	private PeerBlobs peersOfB;

	@BeforeAll
	static void connect() {
		redis = redisServer.template();
	}

	@BeforeEach
	void brains() throws Exception {
		redis.delete(PeerDirectory.KEY);
		PeerProperties properties = properties();
		PeerDirectory directory = new PeerDirectory(redis, Clock.systemUTC());
		this.storeA = new BlobStore(this.dir.resolve("a"), "max");
		this.storeB = new BlobStore(this.dir.resolve("b"), "max");
		PeerBlobs blobsOfA = new PeerBlobs(this.storeA,
				new PeerClient(directory, identity("brain-a"), properties, bundles(certs.brain())),
				new SimpleMeterRegistry());
		this.serverA = new PeerServer(properties, bundles(certs.brain()), directory, identity("brain-a"),
				List.of(blobsOfA), new BrainProperties("brain-a", Path.of("data"), "", true));
		this.serverA.start();
		this.peersOfB = new PeerBlobs(this.storeB,
				new PeerClient(directory, identity("brain-b"), properties, bundles(certs.brain())),
				new SimpleMeterRegistry());
	}

	@AfterEach
	void stop() {
		this.serverA.stop();
	}

	@Test
	void aBlobStoredOnOneBrainIsFetchedByAnotherAndKept() throws Exception {
		String sha = this.storeA.store(content("uploaded through brain a"), 1024).sha256();
		assertThat(this.storeB.find(sha)).isEmpty();
		Path fetched = this.peersOfB.find(sha).orElseThrow();
		assertThat(Files.readString(fetched)).isEqualTo("uploaded through brain a");
		assertThat(this.storeB.find(sha)).contains(fetched);
	}

	@Test
	void aBlobStoredOnOneBrainIsCopiedToAnother() throws Exception {
		PeerBlobs peersOfA = peersOf("brain-a", this.storeA);
		String sha = this.storeA.store(content("outlives brain a"), 1024).sha256();
		this.serverA.stop();
		PeerServer serverB = new PeerServer(properties(), bundles(certs.brain()),
				new PeerDirectory(redis, Clock.systemUTC()), identity("brain-b"), List.of(this.peersOfB),
				new BrainProperties("brain-b", Path.of("data"), "", true));
		serverB.start();
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> redis.opsForHash().hasKey(PeerDirectory.KEY, "brain-b")
						&& !redis.opsForHash().hasKey(PeerDirectory.KEY, "brain-a"));
			assertThat(peersOfA.copyToAnother(sha)).contains("brain-b");
			assertThat(this.storeB.find(sha)).hasValueSatisfying(
					(copy) -> assertThat(copy).content(StandardCharsets.UTF_8).isEqualTo("outlives brain a"));
			// A brain that holds it already answers at once.
			assertThat(peersOfA.copyToAnother(sha)).contains("brain-b");
		}
		finally {
			serverB.stop();
		}
		assertThat(peersOfA.copyToAnother(sha)).as("no other brain is up").isEmpty();
	}

	@Test
	void contentThatDoesNotMatchItsNameIsNotKept() throws Exception {
		String sha = this.storeA.store(content("the real content"), 1024).sha256();
		Files.writeString(this.storeA.find(sha).orElseThrow(), "rotten on brain a's disk");
		assertThat(this.peersOfB.find(sha)).isEmpty();
		assertThat(this.storeB.find(sha)).isEmpty();
	}

	@Test
	void aBlobNoBrainHasIsNotFound() {
		assertThat(this.peersOfB.find("0".repeat(64))).isEmpty();
	}

	@Test
	void aWithdrawnBrainIsNotAsked() throws Exception {
		String sha = this.storeA.store(content("gone with brain a"), 1024).sha256();
		this.serverA.stop();
		assertThat(redis.opsForHash().keys(PeerDirectory.KEY)).isEmpty();
		assertThat(this.peersOfB.find(sha)).isEmpty();
	}

	@Test
	void onlyBrainCertificatesAreServed() throws Exception {
		String sha = this.storeA.store(content("for brains only"), 1024).sha256();
		PemPair node = certs.node("curious1");
		PemPair operator = certs.operator("curious2");
		PeerDirectory directory = new PeerDirectory(redis, Clock.systemUTC());
		for (PemPair pair : new PemPair[] { node, operator }) {
			PeerClient stranger = new PeerClient(directory, identity("stranger"), properties(), bundles(pair));
			assertThatThrownBy(() -> stranger.call("brain-a", PeerBlobs.BLOB, sha))
				.isInstanceOf(PeerRefusedException.class)
				.hasMessageContaining("only brains are served");
		}
	}

	private static PeerBlobs peersOf(String brain, BlobStore store) {
		PeerDirectory directory = new PeerDirectory(redis, Clock.systemUTC());
		return new PeerBlobs(store, new PeerClient(directory, identity(brain), properties(), bundles(certs.brain())),
				new SimpleMeterRegistry());
	}

	private static ByteArrayInputStream content(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	private static PeerProperties properties() {
		return new PeerProperties(0, "127.0.0.1", "localhost", "agent", Duration.ofSeconds(5), Duration.ofSeconds(10));
	}

	private static BrainIdentity identity(String name) {
		return new BrainIdentity(new BrainInfo(name, "dev", "localhost:1"));
	}

	private static SslBundles bundles(PemPair brain) {
		PemSslStoreDetails key = PemSslStoreDetails.forCertificate("file:" + brain.certificate())
			.withPrivateKey("file:" + brain.privateKey());
		PemSslStoreDetails trust = PemSslStoreDetails.forCertificate("file:" + certs.caCert());
		return new DefaultSslBundleRegistry("agent", SslBundle.of(new PemSslStoreBundle(key, trust)));
	}

}
