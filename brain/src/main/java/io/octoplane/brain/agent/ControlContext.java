package io.octoplane.brain.agent;

import java.time.Clock;

import io.octoplane.brain.config.BrainIdentity;

import org.springframework.stereotype.Component;

/**
 * What every control session of this brain shares: its settings, the registry of live
 * sessions, where presence is recorded and where command frames go.
 *
 * @param properties the agent endpoint's settings
 * @param edge the settings for thin links and gateways
 * @param sessions the live sessions of this brain
 * @param presence where connects, heartbeats and disconnects are recorded
 * @param identity this brain's name and version, told in Welcome
 * @param listener who handles command frames
 * @param certificates who signs renewed certificates
 * @param metrics meters of the endpoint
 * @param clock the time
 */
@Component
record ControlContext(AgentProperties properties, EdgeProperties edge, AgentSessions sessions, NodePresence presence,
		BrainIdentity identity, AgentListener listener, NodeCertificates certificates, AgentMetrics metrics,
		Clock clock) {

}
