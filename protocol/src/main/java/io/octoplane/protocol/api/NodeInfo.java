package io.octoplane.protocol.api;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One node of the registry.
 *
 * @param name the node name (its certificate CN)
 * @param version the tentacle's release version
 * @param addr the address the tentacle connected from, {@code host:port}
 * @param state connection state
 * @param delay last measured round-trip time in milliseconds, or -1 if unknown
 * @param onlineTime when the current connection started (set while connected)
 * @param offlineTime when the node was last seen to disconnect (set while offline)
 * @param lastActive when the last frame arrived from the node
 * @param os operating system reported by the tentacle
 * @param arch CPU architecture reported by the tentacle
 * @param clockOffsetMillis brain clock minus node clock in milliseconds, from the last
 * heartbeat exchange
 * @param gateway the gateways the node's connection comes through, names from the brain
 * outwards separated by {@code /} (as the gateways' own certificates said), or
 * {@code null} when it dialled the brain itself
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeInfo(String name, String version, String addr, NodeState state, double delay,
		@JsonProperty("online_time") @Nullable Instant onlineTime,
		@JsonProperty("offline_time") @Nullable Instant offlineTime,
		@JsonProperty("last_active") @Nullable Instant lastActive, String os, String arch,
		@JsonProperty("clock_offset_ms") long clockOffsetMillis, @Nullable String gateway) {

	/**
	 * A node that dialled the brain itself.
	 * @param name the node name
	 * @param version the tentacle's release version
	 * @param addr the address the tentacle connected from
	 * @param state connection state
	 * @param delay last round-trip time in milliseconds, or -1
	 * @param onlineTime when the current connection started
	 * @param offlineTime when the node was last seen to disconnect
	 * @param lastActive when the last frame arrived
	 * @param os operating system
	 * @param arch CPU architecture
	 * @param clockOffsetMillis brain clock minus node clock in milliseconds
	 */
	public NodeInfo(String name, String version, String addr, NodeState state, double delay,
			@Nullable Instant onlineTime, @Nullable Instant offlineTime, @Nullable Instant lastActive, String os,
			String arch, long clockOffsetMillis) {
		this(name, version, addr, state, delay, onlineTime, offlineTime, lastActive, os, arch, clockOffsetMillis, null);
	}

	public NodeInfo {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(version, "version must not be null");
		Objects.requireNonNull(addr, "addr must not be null");
		Objects.requireNonNull(state, "state must not be null");
		Objects.requireNonNull(os, "os must not be null");
		Objects.requireNonNull(arch, "arch must not be null");
	}

}
