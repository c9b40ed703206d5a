package io.octoplane.brain.agent;

import java.time.Duration;

import io.octoplane.protocol.agent.Hello;

/**
 * The heartbeat interval a node's connection runs at and the silence after which it is
 * dead. A node on a thin link may ask for a longer interval than the brain's; it gets at
 * most {@code max-heartbeat-interval}, never less than the brain's own, and the silence
 * thresholds stretch by the same factor, so a node that asked for a slow pace is not
 * taken for a dead one.
 *
 * @param intervalMillis the interval told in Welcome and every HeartbeatAck
 * @param factor how many times the brain's interval that is, at least 1
 * @param offlineAfter silence after which the connection is dropped as dead
 */
public record HeartbeatPace(long intervalMillis, double factor, Duration offlineAfter) {

	/**
	 * The pace for a node.
	 * @param agent the endpoint's settings
	 * @param edge the thin-link settings
	 * @param hello what the node asked for
	 * @return the pace
	 */
	static HeartbeatPace of(AgentProperties agent, EdgeProperties edge, Hello hello) {
		return of(agent, edge, hello.heartbeatIntervalMillis());
	}

	/**
	 * The pace for a node that asked for an interval.
	 * @param agent the endpoint's settings
	 * @param edge the thin-link settings
	 * @param askedMillis the interval asked for, or 0 for the brain's
	 * @return the pace
	 */
	public static HeartbeatPace of(AgentProperties agent, EdgeProperties edge, long askedMillis) {
		long base = agent.heartbeatInterval().toMillis();
		long granted = Math.max(base, Math.min(askedMillis, edge.maxHeartbeatInterval().toMillis()));
		double factor = (double) granted / base;
		return new HeartbeatPace(granted, factor, scale(agent.offlineAfter(), factor));
	}

	/**
	 * A silence threshold of the brain's pace stretched to this one.
	 * @param threshold the threshold at the brain's own interval
	 * @return the threshold for this node
	 */
	public Duration stretch(Duration threshold) {
		return scale(threshold, this.factor);
	}

	private static Duration scale(Duration threshold, double factor) {
		return Duration.ofMillis(Math.round(threshold.toMillis() * factor));
	}

}
