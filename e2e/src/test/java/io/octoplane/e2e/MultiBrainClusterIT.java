package io.octoplane.e2e;

import java.nio.file.Path;

import io.octoplane.testsupport.process.BrainArgs;
import io.octoplane.testsupport.redis.RedisClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two brains on a Redis Cluster of three masters: every multi-key step must stay within
 * one hash slot, and pub/sub must reach brains connected to other masters.
 */
class MultiBrainClusterIT extends MultiBrainScenario {

	@RegisterExtension
	static final RedisClusterExtension cluster = new RedisClusterExtension();

	@Override
	BrainArgs brainArgs(Path dataDir) {
		// The standalone host and port BrainArgs always sets are ignored once cluster
		// nodes are given.
		return BrainArgs.withFreePorts(certs, 1, dataDir).with("spring.data.redis.cluster.nodes", cluster.nodes());
	}

}
