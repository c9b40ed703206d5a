package io.octoplane.tentacle;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import io.octoplane.protocol.agent.Hello;

/**
 * What this tentacle tells the brain about itself in {@link Hello}. All of it is
 * informational: the brain names the node after its certificate, never after these.
 */
final class AgentInfo {

	private AgentInfo() {
	}

	static Hello hello(long startedAtMillis) {
		String os = System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", "");
		return new Hello(version(), hostname(), os.strip(), System.getProperty("os.arch", "unknown"), startedAtMillis);
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
