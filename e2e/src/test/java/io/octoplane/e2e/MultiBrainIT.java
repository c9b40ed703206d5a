package io.octoplane.e2e;

import io.octoplane.e2e.support.BrainSet;
import io.octoplane.testsupport.process.BrainArgs;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two brains on one Redis server. */
class MultiBrainIT extends MultiBrainScenario {

	@RegisterExtension
	@Order(1)
	static final RedisServerExtension redis = new RedisServerExtension();

	@RegisterExtension
	@Order(2)
	static final BrainSet brains = twoBrains((dataDir) -> BrainArgs.withFreePorts(certs, redis.port(), dataDir));

	@Override
	BrainSet brains() {
		return brains;
	}

}
