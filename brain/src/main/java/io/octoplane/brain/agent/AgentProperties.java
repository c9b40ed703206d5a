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
 * @param maxConcurrentHandshakes most TLS handshakes run at once; more connections wait
 * their turn, so a reconnect storm finishes handshakes at full speed instead of starting
 * thousands that all finish late, and leaves CPU for the REST API
 * @param maxQueuedHandshakes most connections waiting for a handshake turn; beyond that a
 * connection is reset at once and its tentacle backs off
 */
@ConfigurationProperties("octoplane.agent")
public record AgentProperties(@DefaultValue("" + DefaultPorts.BRAIN_AGENT) int port,
		@DefaultValue("0.0.0.0") String address, @DefaultValue("agent") String sslBundle,
		@DefaultValue("10s") Duration heartbeatInterval, @DefaultValue("25s") Duration unstableAfter,
		@DefaultValue("45s") Duration offlineAfter, @DefaultValue("20s") Duration handshakeTimeout,
		@DefaultValue("" + FrameCodec.DEFAULT_MAX_FRAME_BYTES) int maxFrameBytes,
		@DefaultValue("20000") int maxConnections, @DefaultValue("30s") Duration writeTimeout,
		@DefaultValue("2000") int maxConnectionsPerAddress, @DefaultValue("8") int maxConcurrentHandshakes,
		@DefaultValue("2000") int maxQueuedHandshakes, @DefaultValue("5s") Duration handshakeQueueWait) {

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
		if (maxConcurrentHandshakes < 1) {
			throw new IllegalArgumentException("octoplane.agent.max-concurrent-handshakes must be at least 1");
		}
		if (maxQueuedHandshakes < 0) {
			throw new IllegalArgumentException("octoplane.agent.max-queued-handshakes must not be negative");
		}
	}

}
