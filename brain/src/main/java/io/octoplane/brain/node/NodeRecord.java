package io.octoplane.brain.node;

import java.time.Instant;

import io.octoplane.protocol.agent.NodeStatus;
import org.jspecify.annotations.Nullable;

/**
 * What Redis holds about one node.
 *
 * @param name node name (certificate CN)
 * @param version tentacle release
 * @param addr remote address of its connection, {@code host:port}
 * @param os operating system
 * @param arch CPU architecture
 * @param connected whether some brain holds a connection of it
 * @param connectedAt when the current (or last) connection started
 * @param disconnectedAt when the last connection ended, or {@code null}
 * @param lastSeen when the last frame arrived
 * @param rttMicros last round-trip time in microseconds, -1 if unknown
 * @param clockOffsetMillis brain clock minus node clock, milliseconds
 * @param status latest host status, or {@code null} if none was reported
 * @param certificateSerial hex serial of the certificate it last connected with, or empty
 * @param gateway the gateways its last connection came through, names from the brain
 * outwards separated by {@code /}; empty when it dialled the brain itself
 * @param pace the heartbeat pace and silence thresholds of its last connection, or
 * {@code null} when the brain that registered it stored none (the brain's own then apply)
 */
public record NodeRecord(String name, String version, String addr, String os, String arch, boolean connected,
		@Nullable Instant connectedAt, @Nullable Instant disconnectedAt, @Nullable Instant lastSeen, long rttMicros,
		long clockOffsetMillis, @Nullable NodeStatus status, String certificateSerial, String gateway,
		@Nullable NodePace pace) {

	/**
	 * A record of a node that dialled the brain itself.
	 * @param name node name
	 * @param version tentacle release
	 * @param addr remote address
	 * @param os operating system
	 * @param arch CPU architecture
	 * @param connected whether some brain holds a connection of it
	 * @param connectedAt when the connection started
	 * @param disconnectedAt when the last connection ended
	 * @param lastSeen when the last frame arrived
	 * @param rttMicros last round-trip time
	 * @param clockOffsetMillis brain clock minus node clock
	 * @param status latest host status
	 * @param certificateSerial hex serial of its certificate
	 */
	public NodeRecord(String name, String version, String addr, String os, String arch, boolean connected,
			@Nullable Instant connectedAt, @Nullable Instant disconnectedAt, @Nullable Instant lastSeen, long rttMicros,
			long clockOffsetMillis, @Nullable NodeStatus status, String certificateSerial) {
		this(name, version, addr, os, arch, connected, connectedAt, disconnectedAt, lastSeen, rttMicros,
				clockOffsetMillis, status, certificateSerial, "", null);
	}

}
