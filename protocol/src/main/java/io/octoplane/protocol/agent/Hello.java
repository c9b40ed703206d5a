package io.octoplane.protocol.agent;

import java.util.Objects;

/**
 * First frame of a connection: what the tentacle is. It deliberately has no node name;
 * the brain takes the name from the client certificate.
 *
 * @param agentVersion the tentacle's release version, for example {@code 0.1.0}
 * @param hostname the host name the operating system reports (informational only)
 * @param os operating system name and version, for example {@code Linux 6.1}
 * @param arch CPU architecture, for example {@code amd64} or {@code aarch64}
 * @param startedAtMillis when the tentacle process started, epoch milliseconds
 */
public record Hello(String agentVersion, String hostname, String os, String arch,
		long startedAtMillis) implements AgentMessage {

	public Hello {
		Objects.requireNonNull(agentVersion, "agentVersion must not be null");
		Objects.requireNonNull(hostname, "hostname must not be null");
		Objects.requireNonNull(os, "os must not be null");
		Objects.requireNonNull(arch, "arch must not be null");
	}

}
