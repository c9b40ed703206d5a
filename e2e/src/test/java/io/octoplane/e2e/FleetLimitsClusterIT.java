package io.octoplane.e2e;

import java.nio.file.Path;

import io.octoplane.testsupport.process.BrainArgs;
import io.octoplane.testsupport.redis.RedisClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three brains on a Redis Cluster of three masters. */
class FleetLimitsClusterIT extends FleetLimitsScenario {

	@RegisterExtension
	static final RedisClusterExtension cluster = new RedisClusterExtension();

	@Override
	BrainArgs brainArgs(Path dataDir) {
		return BrainArgs.withFreePorts(certs, 1, dataDir).with("spring.data.redis.cluster.nodes", cluster.nodes());
	}

}
