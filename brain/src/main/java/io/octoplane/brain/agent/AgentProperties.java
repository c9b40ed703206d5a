package io.octoplane.brain.agent;

import java.time.Duration;

import io.octoplane.protocol.DefaultPorts;
import io.octoplane.protocol.agent.FrameCodec;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the endpoint that tentacles dial.
 *
 * @param port TCP port; 0 picks a free one (tests)
 * @param address address to bind; tentacles connect from anywhere, hence all interfaces
 * @param sslBundle name of the {@code spring.ssl.bundle.pem.*} bundle with the brain's
 * key, certificate and the CA that signs node certificates
 * @param heartbeatInterval how often tentacles send heartbeats (told to them in Welcome)
 * @param unstableAfter silence after which a connected node shows as unstable
 * @param offlineAfter silence after which a node shows as offline and its connection is
 * dropped as dead
 * @param handshakeTimeout time allowed for TLS handshake plus Hello; slow links need some
 * @param maxFrameBytes largest frame accepted from a tentacle
 * @param maxConnections most tentacle connections held at once by this brain
 * @param writeTimeout longest time one frame may take to write before the connection is
 * dropped as stuck
 * @param maxConnectionsPerAddress most connections from one source address; a whole site
 * behind one NAT address counts as one, hence the generous default
 */
@ConfigurationProperties("octoplane.agent")
public record AgentProperties(@DefaultValue("" + DefaultPorts.BRAIN_AGENT) int port,
		@DefaultValue("0.0.0.0") String address, @DefaultValue("agent") String sslBundle,
		@DefaultValue("10s") Duration heartbeatInterval, @DefaultValue("25s") Duration unstableAfter,
		@DefaultValue("45s") Duration offlineAfter, @DefaultValue("20s") Duration handshakeTimeout,
		@DefaultValue("" + FrameCodec.DEFAULT_MAX_FRAME_BYTES) int maxFrameBytes,
		@DefaultValue("20000") int maxConnections, @DefaultValue("30s") Duration writeTimeout,
		@DefaultValue("2000") int maxConnectionsPerAddress) {

	public AgentProperties {
		if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
			throw new IllegalArgumentException("octoplane.agent.heartbeat-interval must be positive");
		}
		if (unstableAfter.compareTo(heartbeatInterval) <= 0) {
			throw new IllegalArgumentException(
					"octoplane.agent.unstable-after must be longer than the heartbeat interval");
		}
		if (offlineAfter.compareTo(unstableAfter) <= 0) {
			throw new IllegalArgumentException("octoplane.agent.offline-after must be longer than unstable-after");
		}
		if (maxConnections < 1) {
			throw new IllegalArgumentException("octoplane.agent.max-connections must be at least 1");
		}
	}

}
