package io.octoplane.nameserver;

import java.nio.file.Path;

import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.redis.RedisServerExtension;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a {@code @SpringBootTest} nameserver at a test Redis and at certificates minted
 * for the test class, with a random management port.
 */
public final class NameserverTestProperties {

	private NameserverTestProperties() {
	}

	/**
	 * Registers TLS, Redis and management settings.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param redis the test Redis
	 * @param certs the test PKI
	 */
	public static void register(DynamicPropertyRegistry registry, RedisServerExtension redis, CertFixtures certs) {
		registry.add("octoplane.tls.certificate", () -> "file:" + certs.nameserver().certificate());
		registry.add("octoplane.tls.private-key", () -> "file:" + certs.nameserver().privateKey());
		registry.add("octoplane.tls.ca", () -> "file:" + certs.caCert());
		registry.add("management.server.port", () -> 0);
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", redis::port);
	}

	/**
	 * Registers the settings of {@link #register} plus a data folder and the release
	 * public key, for tests that store releases.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param redis the test Redis
	 * @param certs the test PKI
	 * @param dir the folder holding {@code data/} and {@code release-key.pub.pem}
	 */
	public static void registerWithReleases(DynamicPropertyRegistry registry, RedisServerExtension redis,
			CertFixtures certs, Path dir) {
		register(registry, redis, certs);
		registry.add("octoplane.nameserver.data-dir", () -> dir.resolve("data").toString());
		registry.add("octoplane.nameserver.release-public-key", () -> dir.resolve("release-key.pub.pem").toString());
	}

}
