package io.octoplane.tentacle;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import io.octoplane.protocol.agent.Capabilities;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.tentacle.config.EdgeSettings;

/**
 * What this tentacle tells the brain about itself in {@link Hello}. All of it is
 * informational: the brain names the node after its certificate, never after these.
 */
final class AgentInfo {

	private AgentInfo() {
	}

	static Hello hello(long startedAtMillis, EdgeSettings edge) {
		String os = System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", "");
		Duration interval = edge.heartbeatInterval();
		return new Hello(version(), hostname(), os.strip(), System.getProperty("os.arch", "unknown"), startedAtMillis,
				capabilities(edge), (interval != null) ? interval.toMillis() : 0);
	}

	/**
	 * What this tentacle announces: every mode it runs beyond protocol version 1, and the
	 * link features its settings ask for, so a brain never turns on what the node's
	 * operator turned off.
	 */
	static Set<String> capabilities(EdgeSettings edge) {
		// Costs the tentacle nothing: it waits one interval longer before it calls a
		// brain that answers sparsely silent.
		Set<String> announced = new TreeSet<>(Set.of(Capabilities.SPARSE_HEARTBEAT_ACKS));
		for (CommandMode mode : CommandMode.values()) {
			if (!mode.baseline()) {
				announced.add(Capabilities.mode(mode));
			}
		}
		if (edge.compression() != EdgeSettings.Compression.OFF) {
			announced.add(Capabilities.COMPRESS_DEFLATE);
		}
		if (edge.compression() == EdgeSettings.Compression.ON) {
			announced.add(Capabilities.COMPRESS_DOWN);
		}
		if (edge.heartbeatInterval() != null || edge.statusEvery() > 1) {
			announced.add(Capabilities.THIN_HEARTBEAT);
		}
		if (edge.gatewayListen() != null) {
			announced.add(Capabilities.GATEWAY);
		}
		return announced;
	}

	static String version() {
		String version = AgentInfo.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "0.1.0-SNAPSHOT";
	}

	private static String hostname() {
		// The kernel's name first: InetAddress may wait on a DNS lookup on a badly
		// configured node, and the Hello must not be delayed by that.
		Path kernel = Path.of("/proc/sys/kernel/hostname");
		try {
			if (Files.isReadable(kernel)) {
				return Files.readString(kernel).strip();
			}
			String fromEnv = System.getenv("COMPUTERNAME");
			return (fromEnv != null) ? fromEnv : InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
