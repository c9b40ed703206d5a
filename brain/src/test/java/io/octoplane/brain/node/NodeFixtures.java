package io.octoplane.brain.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.octoplane.brain.agent.AgentProperties;
import io.octoplane.brain.config.BrainIdentity;
import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.api.BrainInfo;

/** Node records and a node service for unit tests. */
final class NodeFixtures {

	private NodeFixtures() {
	}

	/**
	 * The node service over a (mock) repository, with the agent settings the state rule
	 * needs and a clock fixed at {@code now}.
	 */
	static NodeService service(NodeRepository repository, Instant now) {
		return new NodeService(repository,
				new NodeStateRule(new AgentProperties(0, "127.0.0.1", "agent", Duration.ofSeconds(10),
						Duration.ofSeconds(25), Duration.ofSeconds(45), Duration.ofSeconds(5), 65536, 10,
						Duration.ofSeconds(30), 100, 8, 100, Duration.ofSeconds(5))),
				new BrainIdentity(new BrainInfo("b1", "1.0", "b1:12345")), Clock.fixed(now, ZoneOffset.UTC));
	}

	static NodeRecord connected(String name, Instant lastSeen) {
		return new NodeRecord(name, "1.0", "127.0.0.1:5000", "Linux 6.1", "amd64", true, lastSeen.minusSeconds(60),
				null, lastSeen, 1500, 2, status(lastSeen), "abc1");
	}

	static NodeRecord connected(String name, Instant lastSeen, NodePace pace) {
		return new NodeRecord(name, "1.0", "127.0.0.1:5000", "Linux 6.1", "amd64", true, lastSeen.minusSeconds(60),
				null, lastSeen, 1500, 2, status(lastSeen), "abc1", "", pace);
	}

	static NodeRecord disconnected(String name, Instant at) {
		return new NodeRecord(name, "1.0", "127.0.0.1:5000", "Linux 6.1", "amd64", false, at.minusSeconds(60), at, at,
				-1, 0, null, "abc2");
	}

	static NodeStatus status(Instant at) {
		return new NodeStatus(4, 1.5, 1.0, 0.5, 2_000, 8_000, 30, 120, 3600, at.toEpochMilli());
	}

}
