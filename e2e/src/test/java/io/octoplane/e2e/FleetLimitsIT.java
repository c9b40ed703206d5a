package io.octoplane.e2e;

import java.nio.file.Path;

import io.octoplane.testsupport.process.BrainArgs;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three brains on one Redis server. */
class FleetLimitsIT extends FleetLimitsScenario {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	@Override
	BrainArgs brainArgs(Path dataDir) {
		return BrainArgs.withFreePorts(certs, redis.port(), dataDir);
	}

}
