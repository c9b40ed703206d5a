package io.octoplane.testsupport.brain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.redis.RedisServerExtension;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Properties that point a {@code @SpringBootTest} brain at a test Redis and at
 * certificates minted for the test class, with random ports and fast heartbeats.
 */
public final class BrainTestSupport {

	private BrainTestSupport() {
	}

	/** Mints a fresh PKI in a temporary folder. */
	public static CertFixtures certificates() {
		try {
			return CertFixtures.create(Files.createTempDirectory("octoplane-certs-"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final String BLOB_DIR = tempDir("octoplane-blobs-");

	private static final String STORE_DIR = tempDir("octoplane-fstore-");

	private static String tempDir(String prefix) {
		try {
			Path dir = Files.createTempDirectory(prefix);
			// Large test files must not pile up in /tmp from run to run.
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "blob-dir-cleanup"));
			return dir.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteTree(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// Best effort at shutdown; the folder is in the temporary area anyway.
		}
	}

	/**
	 * Registers the brain's properties.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param redis the test Redis
	 * @param certs the test PKI
	 */
	public static void register(DynamicPropertyRegistry registry, RedisServerExtension redis, CertFixtures certs) {
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		// Blobs of tests go to a temporary folder,
		// never into the module's working folder.
		registry.add("octoplane.file.blob-dir", () -> BLOB_DIR);
		registry.add("octoplane.file.store-dir", () -> STORE_DIR);
		registry.add("spring.data.redis.port", redis::port);
		registry.add("octoplane.tls.certificate", () -> "file:" + certs.brain().certificate());
		registry.add("octoplane.tls.private-key", () -> "file:" + certs.brain().privateKey());
		registry.add("octoplane.tls.ca", () -> "file:" + certs.caCert());
		registry.add("octoplane.agent.port", () -> 0);
		registry.add("octoplane.agent.address", () -> "127.0.0.1");
		registry.add("octoplane.peer.address", () -> "127.0.0.1");
		registry.add("octoplane.peer.advertised-host", () -> "localhost");
		registry.add("octoplane.agent.heartbeat-interval", () -> "1s");
		registry.add("octoplane.agent.unstable-after", () -> "3s");
		registry.add("octoplane.agent.offline-after", () -> "6s");
		registry.add("octoplane.agent.handshake-timeout", () -> "5s");
		registry.add("octoplane.command.dispatch-interval", () -> "200ms");
		registry.add("octoplane.brain.name", () -> "test-brain");
		registry.add("octoplane.ca.certificate", () -> certs.caCert().toString());
		registry.add("octoplane.ca.private-key", () -> certs.dir().resolve("ca-key.pem").toString());
		registry.add("management.server.port", () -> 0);
	}

}
