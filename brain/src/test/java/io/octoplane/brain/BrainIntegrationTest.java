package io.octoplane.brain;

import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run a real brain: random ports, a real redis-server and a PKI minted
 * for the test JVM. Subclasses share one application context, so a test uses node names
 * of its own rather than assuming an empty registry.
 */
@SpringBootTest(classes = BrainApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BrainIntegrationTest {

	@RegisterExtension
	protected static final RedisServerExtension redis = new RedisServerExtension();

	protected static final CertFixtures certs = BrainTestSupport.certificates();

	@DynamicPropertySource
	static void brainProperties(DynamicPropertyRegistry registry) {
		BrainTestSupport.register(registry, redis, certs);
	}

}
