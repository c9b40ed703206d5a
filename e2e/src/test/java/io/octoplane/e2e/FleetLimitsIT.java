package io.octoplane.e2e;

import io.octoplane.e2e.support.BrainSet;
import io.octoplane.testsupport.process.BrainArgs;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three brains on one Redis server. */
class FleetLimitsIT extends FleetLimitsScenario {

	@RegisterExtension
	@Order(1)
	static final RedisServerExtension redis = new RedisServerExtension();

	@RegisterExtension
	@Order(2)
	static final BrainSet brains = threeLimitedBrains(
			(dataDir) -> BrainArgs.withFreePorts(certs, redis.port(), dataDir));

	@Override
	BrainSet brains() {
		return brains;
	}

}
