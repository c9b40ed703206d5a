package io.octoplane.e2e;

import io.octoplane.e2e.support.BrainSet;
import io.octoplane.testsupport.process.BrainArgs;
import io.octoplane.testsupport.redis.RedisClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three brains on a Redis Cluster of three masters. */
class FleetLimitsClusterIT extends FleetLimitsScenario {

	@RegisterExtension
	@Order(1)
	static final RedisClusterExtension cluster = new RedisClusterExtension();

	@RegisterExtension
	@Order(2)
	static final BrainSet brains = threeLimitedBrains((dataDir) -> BrainArgs.withFreePorts(certs, 1, dataDir)
		.with("spring.data.redis.cluster.nodes", cluster.nodes()));

	@Override
	BrainSet brains() {
		return brains;
	}

}
