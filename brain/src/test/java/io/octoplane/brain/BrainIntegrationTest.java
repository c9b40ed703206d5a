package io.octoplane.brain;

import java.util.Set;

import io.octoplane.server.redis.RedisKeys;
import io.octoplane.testsupport.brain.BrainTestSupport;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
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

	/**
	 * Every test starts with full rate buckets: they live in the Redis all these tests
	 * share, so one test's failed logins would otherwise throttle the next one's.
	 */
	@BeforeEach
	void fillRateBuckets(@Autowired StringRedisTemplate template) {
		Set<String> buckets = template.keys(RedisKeys.PREFIX + "rate:*");
		if (buckets != null && !buckets.isEmpty()) {
			template.delete(buckets);
		}
	}

}
