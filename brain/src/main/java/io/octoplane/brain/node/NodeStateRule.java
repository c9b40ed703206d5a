package io.octoplane.brain.node;

import java.time.Duration;
import java.time.Instant;

import io.octoplane.brain.agent.AgentProperties;
import io.octoplane.protocol.api.NodeState;

import org.springframework.stereotype.Component;

/**
 * Decides a node's state from its record and the time. A node is not dropped after one
 * late heartbeat: it turns unstable after {@code unstable-after} of silence and offline
 * only after {@code offline-after}, so a congested GSM link does not make it flap.
 */
@Component
class NodeStateRule {

	private final Duration unstableAfter;

	private final Duration offlineAfter;

	NodeStateRule(AgentProperties properties) {
		this.unstableAfter = properties.unstableAfter();
		this.offlineAfter = properties.offlineAfter();
	}

	Duration offlineAfter() {
		return this.offlineAfter;
	}

	NodeState stateOf(NodeRecord node, Instant now) {
		if (!node.connected() || node.lastSeen() == null) {
			return NodeState.OFFLINE;
		}
		return stateOf(node.lastSeen(), now);
	}

	/**
	 * The state of a node that holds a connection and was last heard from at a time.
	 * @param lastSeen its last frame
	 * @param now the time
	 * @return its state
	 */
	NodeState stateOf(Instant lastSeen, Instant now) {
		Duration silence = Duration.between(lastSeen, now);
		if (silence.compareTo(this.offlineAfter) > 0) {
			return NodeState.OFFLINE;
		}
		return (silence.compareTo(this.unstableAfter) > 0) ? NodeState.UNSTABLE : NodeState.ONLINE;
	}

}
