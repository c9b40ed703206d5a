package io.octoplane.e2e;

import io.octoplane.e2e.support.BrainSet;
import io.octoplane.testsupport.process.BrainArgs;
import io.octoplane.testsupport.redis.RedisClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two brains on a Redis Cluster of three masters: every multi-key step must stay within
 * one hash slot, and pub/sub must reach brains connected to other masters.
 */
class MultiBrainClusterIT extends MultiBrainScenario {

	@RegisterExtension
	@Order(1)
	static final RedisClusterExtension cluster = new RedisClusterExtension();

	// The standalone host and port BrainArgs always sets are ignored once cluster nodes
	// are given.
	@RegisterExtension
	@Order(2)
	static final BrainSet brains = twoBrains((dataDir) -> BrainArgs.withFreePorts(certs, 1, dataDir)
		.with("spring.data.redis.cluster.nodes", cluster.nodes()));

	@Override
	BrainSet brains() {
		return brains;
	}

}
