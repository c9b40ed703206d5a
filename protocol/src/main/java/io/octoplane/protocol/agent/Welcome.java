package io.octoplane.protocol.agent;

import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The brain's answer to {@link Hello}: the connection is accepted.
 *
 * @param nodeName the name the brain knows this node by (the certificate CN)
 * @param heartbeatIntervalMillis how often the tentacle must send a {@link Heartbeat}, in
 * milliseconds, greater than zero
 * @param brainName the brain's instance name
 * @param brainVersion the brain's release version
 * @param capabilities what the brain can do beyond protocol version 1
 * ({@link Capabilities}); empty from a release before capabilities
 * @param compression the stream compression both sides use from the byte after this frame
 * on ({@link LinkCompression#DEFLATE}), or {@code null} for none; the brain picks it only
 * from what the Hello announced
 */
public record Welcome(String nodeName, long heartbeatIntervalMillis, String brainName, String brainVersion,
		Set<String> capabilities, @Nullable LinkCompression compression) implements BrainMessage {

	/**
	 * A Welcome of a brain that announces no capabilities (as releases before them).
	 * @param nodeName the node's name
	 * @param heartbeatIntervalMillis heartbeat interval, milliseconds
	 * @param brainName the brain's instance name
	 * @param brainVersion the brain's release version
	 */
	public Welcome(String nodeName, long heartbeatIntervalMillis, String brainName, String brainVersion) {
		this(nodeName, heartbeatIntervalMillis, brainName, brainVersion, Set.of(), null);
	}

	public Welcome {
		Objects.requireNonNull(nodeName, "nodeName must not be null");
		Objects.requireNonNull(brainName, "brainName must not be null");
		Objects.requireNonNull(brainVersion, "brainVersion must not be null");
		if (heartbeatIntervalMillis <= 0) {
			throw new IllegalArgumentException("heartbeatIntervalMillis must be positive");
		}
		capabilities = (capabilities != null) ? Set.copyOf(capabilities) : Set.of();
	}

}
