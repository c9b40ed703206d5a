package io.octoplane.protocol.agent;

import java.util.Objects;

/**
 * The brain's answer to {@link Hello}: the connection is accepted.
 *
 * @param nodeName the name the brain knows this node by (the certificate CN)
 * @param heartbeatIntervalMillis how often the tentacle must send a {@link Heartbeat}, in
 * milliseconds, greater than zero
 * @param brainName the brain's instance name
 * @param brainVersion the brain's release version
 */
public record Welcome(String nodeName, long heartbeatIntervalMillis, String brainName,
		String brainVersion) implements BrainMessage {

	public Welcome {
		Objects.requireNonNull(nodeName, "nodeName must not be null");
		Objects.requireNonNull(brainName, "brainName must not be null");
		Objects.requireNonNull(brainVersion, "brainVersion must not be null");
		if (heartbeatIntervalMillis <= 0) {
			throw new IllegalArgumentException("heartbeatIntervalMillis must be positive");
		}
	}

}
