package io.octoplane.protocol.agent;

import java.util.Objects;
import java.util.Set;

/**
 * First frame of a connection: what the tentacle is. It deliberately has no node name;
 * the brain takes the name from the client certificate.
 *
 * @param agentVersion the tentacle's release version, for example {@code 0.1.0}
 * @param hostname the host name the operating system reports (informational only)
 * @param os operating system name and version, for example {@code Linux 6.1}
 * @param arch CPU architecture, for example {@code amd64} or {@code aarch64}
 * @param startedAtMillis when the tentacle process started, epoch milliseconds
 * @param capabilities what this tentacle can do beyond protocol version 1
 * ({@link Capabilities}); empty from a release before capabilities
 * @param heartbeatIntervalMillis the heartbeat interval this tentacle asks for
 * (milliseconds, for thin links), or 0 to take the brain's; the brain decides
 */
public record Hello(String agentVersion, String hostname, String os, String arch, long startedAtMillis,
		Set<String> capabilities, long heartbeatIntervalMillis) implements AgentMessage {

	/**
	 * A Hello of a tentacle that announces no capabilities (as releases before them).
	 * @param agentVersion the tentacle's release version
	 * @param hostname the host name
	 * @param os operating system name and version
	 * @param arch CPU architecture
	 * @param startedAtMillis when the tentacle process started, epoch milliseconds
	 */
	public Hello(String agentVersion, String hostname, String os, String arch, long startedAtMillis) {
		this(agentVersion, hostname, os, arch, startedAtMillis, Set.of(), 0);
	}

	public Hello {
		Objects.requireNonNull(agentVersion, "agentVersion must not be null");
		Objects.requireNonNull(hostname, "hostname must not be null");
		Objects.requireNonNull(os, "os must not be null");
		Objects.requireNonNull(arch, "arch must not be null");
		// Absent in an older tentacle's frame.
		capabilities = (capabilities != null) ? Set.copyOf(capabilities) : Set.of();
		if (heartbeatIntervalMillis < 0) {
			throw new IllegalArgumentException("heartbeatIntervalMillis must not be negative");
		}
	}

}
