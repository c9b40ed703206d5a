package io.octoplane.brain.agent;

import java.time.Duration;
import java.util.Set;

import io.octoplane.protocol.agent.Capabilities;
import io.octoplane.protocol.agent.CommandMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the agent endpoint for nodes on thin links and behind gateways.
 *
 * @param compressDown whether a node that asks for it gets its frames from the brain
 * compressed too; each such node costs the brain about 256 KiB of native deflate state,
 * so a brain short of memory turns it off (nodes still compress what they send)
 * @param maxHeartbeatInterval the longest heartbeat interval a node may ask for; the
 * node's unstable and offline thresholds stretch with it
 */
@ConfigurationProperties("octoplane.agent.edge")
public record EdgeProperties(@DefaultValue("true") boolean compressDown,
		@DefaultValue("10m") Duration maxHeartbeatInterval) {

	/** What this brain announces in Welcome. */
	static final Set<String> CAPABILITIES = Set.of(Capabilities.COMPRESS_DEFLATE, Capabilities.COMPRESS_DOWN,
			Capabilities.COMPRESS_UPLOAD, Capabilities.GATEWAY, Capabilities.THIN_HEARTBEAT,
			Capabilities.SPARSE_HEARTBEAT_ACKS, Capabilities.mode(CommandMode.HTTP_GET));

	public EdgeProperties {
		if (maxHeartbeatInterval.isNegative() || maxHeartbeatInterval.isZero()) {
			throw new IllegalArgumentException("octoplane.agent.edge.max-heartbeat-interval must be positive");
		}
	}

}
