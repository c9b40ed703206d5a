package io.octoplane.e2e.support;

import io.octoplane.brain.BrainApplication;
import io.octoplane.testsupport.brain.BrainTestSupport;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of end-to-end tests that run a real brain in this JVM beside real tentacles and
 * octl: random ports, a real redis-server and a PKI minted for the test JVM. Subclasses
 * share one application context, so a test uses node names of its own rather than
 * assuming an empty registry. The properties are the brain tests' own
 * ({@link BrainTestSupport}).
 */
@SpringBootTest(classes = BrainApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class InProcessBrainTest {

	@RegisterExtension
	protected static final RedisServerExtension redis = new RedisServerExtension();

	protected static final CertFixtures certs = BrainTestSupport.certificates();

	@DynamicPropertySource
	static void brainProperties(DynamicPropertyRegistry registry) {
		BrainTestSupport.register(registry, redis, certs);
	}

}
