package io.octoplane.brain.agent;

import java.time.Instant;

import io.octoplane.protocol.agent.Facts;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.Hello;

/**
 * Where the agent endpoint records that a node connected, is alive and left. The node
 * registry implements it; the endpoint knows nothing of how nodes are stored.
 */
public interface NodePresence {

	/**
	 * Records a new connection of a node.
	 * @param name node name from its certificate
	 * @param hello what the tentacle said about itself
	 * @param addr remote address
	 * @param sessionId id of this connection
	 * @param certificateSerial hex serial of the certificate it connected with
	 * @param gateway the gateways the connection came through, names from the brain
	 * outwards separated by {@code /}, as their certificates said; empty when direct
	 * @param pace the heartbeat pace granted to the connection, by which its silence is
	 * judged
	 * @param now connection time
	 */
	void connected(String name, Hello hello, String addr, String sessionId, String certificateSerial, String gateway,
			HeartbeatPace pace, Instant now);

	/**
	 * Records a heartbeat, unless a newer connection of the node replaced this one.
	 * @param name node name
	 * @param sessionId id of the connection it arrived on
	 * @param heartbeat the heartbeat
	 * @param pace the heartbeat pace of the connection
	 * @param now arrival time
	 */
	void heartbeat(String name, String sessionId, Heartbeat heartbeat, HeartbeatPace pace, Instant now);

	/**
	 * Records what a node reported about itself: its facts and the labels of its
	 * configuration.
	 * @param name node name
	 * @param facts the report
	 * @param now arrival time
	 */
	void facts(String name, Facts facts, Instant now);

	/**
	 * Records the end of a connection, unless a newer connection already replaced it.
	 * @param name node name
	 * @param sessionId id of the connection that ended
	 * @param now when it ended
	 */
	void disconnected(String name, String sessionId, Instant now);

}
