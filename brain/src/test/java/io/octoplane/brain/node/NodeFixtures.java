package io.octoplane.brain.node;

import java.time.Instant;

import io.octoplane.protocol.agent.NodeStatus;

/** Node records for unit tests. */
final class NodeFixtures {

	private NodeFixtures() {
	}

	static NodeRecord connected(String name, Instant lastSeen) {
		return new NodeRecord(name, "1.0", "127.0.0.1:5000", "Linux 6.1", "amd64", true, lastSeen.minusSeconds(60),
				null, lastSeen, 1500, 2, status(lastSeen), "abc1");
	}

	static NodeRecord disconnected(String name, Instant at) {
		return new NodeRecord(name, "1.0", "127.0.0.1:5000", "Linux 6.1", "amd64", false, at.minusSeconds(60), at, at,
				-1, 0, null, "abc2");
	}

	static NodeStatus status(Instant at) {
		return new NodeStatus(4, 1.5, 1.0, 0.5, 2_000, 8_000, 30, 120, 3600, at.toEpochMilli());
	}

}
