package io.octoplane.brain.node;

import java.time.Instant;

import io.octoplane.brain.agent.AgentProperties;
import io.octoplane.brain.agent.HeartbeatPace;
import io.octoplane.protocol.api.NodeState;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Decides a node's state from its last frame, its pace and the time. A node is not
 * dropped after one late heartbeat: it turns unstable after {@code unstable-after} of
 * silence and offline only after {@code offline-after}, so a congested GSM link does not
 * make it flap.
 *
 * <p>
 * Both thresholds count in the node's own heartbeats: a node that asked for an interval
 * {@code k} times the brain's ({@code heartbeat.interval} in tentacle.yaml) has them
 * stretched {@code k} times, as its connection's dead-link timeout is. With the defaults
 * (10 s, 25 s, 45 s) a node is unstable after 2.5 missed heartbeats and offline after
 * 4.5, whatever its interval, and never sooner than the brain's own thresholds; it shows
 * offline exactly when the brain gives up its connection.
 */
@Component
class NodeStateRule {

	private final AgentProperties agent;

	private final NodePace brainPace;

	NodeStateRule(AgentProperties properties) {
		this.agent = properties;
		this.brainPace = new NodePace(properties.heartbeatInterval().toMillis(), properties.unstableAfter(),
				properties.offlineAfter());
	}

	/**
	 * The pace of a node's connection, with its thresholds stretched to it.
	 * @param pace the heartbeat pace its connection runs at
	 * @return the pace to judge it by
	 */
	NodePace paceOf(HeartbeatPace pace) {
		return new NodePace(pace.intervalMillis(), pace.stretch(this.agent.unstableAfter()), pace.offlineAfter());
	}

	/** The pace of a node that runs at the brain's own interval. */
	NodePace brainPace() {
		return this.brainPace;
	}

	/**
	 * The pace to judge a node by.
	 * @param stored the pace stored with its registration, or {@code null} for a node
	 * registered by a brain that stored none
	 * @return the stored pace, or the brain's own
	 */
	NodePace paceOf(@Nullable NodePace stored) {
		return (stored != null) ? stored : this.brainPace;
	}

	NodeState stateOf(NodeRecord node, Instant now) {
		Instant lastSeen = node.lastSeen();
		if (!node.connected() || lastSeen == null) {
			return NodeState.OFFLINE;
		}
		NodePace pace = paceOf(node.pace());
		return stateAt(pace.unstableAt(lastSeen), pace.offlineAt(lastSeen), now.toEpochMilli());
	}

	/**
	 * The state of a node from the times its silence reaches its thresholds: the one
	 * comparison behind both the node records and the liveness index.
	 * @param unstableAt when it turns unstable, epoch milliseconds
	 * @param offlineAt when it turns offline, epoch milliseconds
	 * @param now the time, epoch milliseconds
	 * @return its state
	 */
	static NodeState stateAt(long unstableAt, long offlineAt, long now) {
		if (now >= offlineAt) {
			return NodeState.OFFLINE;
		}
		return (now >= unstableAt) ? NodeState.UNSTABLE : NodeState.ONLINE;
	}

}
