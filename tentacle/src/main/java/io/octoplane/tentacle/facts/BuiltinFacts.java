package io.octoplane.tentacle.facts;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.octoplane.protocol.agent.Facts;
import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.host.HostSampler;

/**
 * The facts every tentacle reports, read from {@code /proc}, {@code /etc/os-release}, the
 * file systems and the JDK. A source that cannot be read leaves its facts out rather than
 * failing the report. Sizes are bytes and times epoch seconds, so selectors compare them:
 * {@code facts.memory_total>2GiB}.
 */
final class BuiltinFacts {

	private final Path proc;

	private final Path osRelease;

	private final HostSampler sampler;

	private final String version;

	/**
	 * Creates the reader.
	 * @param proc the {@code /proc} folder
	 * @param osRelease the {@code os-release} file
	 * @param sampler reads cores and memory, as heartbeats do
	 * @param version this tentacle's release
	 */
	BuiltinFacts(Path proc, Path osRelease, HostSampler sampler, String version) {
		this.proc = proc;
		this.osRelease = osRelease;
		this.sampler = sampler;
		this.version = version;
	}

	/** Reads the facts now. */
	Map<String, String> collect() {
		Map<String, String> facts = new TreeMap<>();
		facts.put("tentacle_version", this.version);
		facts.put("java_version", System.getProperty("java.version", "unknown"));
		facts.put("kernel", System.getProperty("os.version", "unknown"));
		facts.put("arch", arch(System.getProperty("os.arch", "unknown")));
		text(this.proc.resolve("sys/kernel/hostname")).ifPresent((host) -> facts.put("hostname", host));
		osRelease(facts);
		cpu(facts);
		try {
			NodeStatus status = this.sampler.sample();
			facts.put("cpu_count", Integer.toString(status.cpuCores()));
			facts.put("memory_total", Long.toString(status.memoryTotalBytes()));
		}
		catch (IOException | RuntimeException ex) {
			// No /proc (not Linux): the JDK knows the cores, not the memory.
			facts.put("cpu_count", Integer.toString(Runtime.getRuntime().availableProcessors()));
		}
		bootTime(facts);
		disks(facts);
		addresses(facts);
		facts.replaceAll((name, value) -> cut(value));
		return facts;
	}

	/** Debian's and the kernel's spellings, so one selector fits every distribution. */
	static String arch(String jdkArch) {
		return switch (jdkArch.toLowerCase(Locale.ROOT)) {
			case "amd64", "x86_64" -> "amd64";
			case "aarch64", "arm64" -> "arm64";
			case "arm", "armv7l", "armhf" -> "armv7";
			case "x86", "i386", "i686" -> "386";
			default -> jdkArch;
		};
	}

	private void osRelease(Map<String, String> facts) {
		List<String> lines = lines(this.osRelease);
		for (String line : lines) {
			int equals = line.indexOf('=');
			if (equals <= 0) {
				continue;
			}
			String value = unquote(line.substring(equals + 1).strip());
			switch (line.substring(0, equals)) {
				case "ID" -> facts.put("os", value);
				case "VERSION_ID" -> facts.put("os_version", value);
				case "PRETTY_NAME" -> facts.put("os_name", value);
				case "VERSION_CODENAME" -> facts.put("os_codename", value);
				default -> {
				}
			}
		}
		facts.putIfAbsent("os", System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT));
	}

	private void cpu(Map<String, String> facts) {
		for (String line : lines(this.proc.resolve("cpuinfo"))) {
			int colon = line.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String key = line.substring(0, colon).strip();
			if (key.equals("model name") || key.equals("Model") || key.equals("Hardware")) {
				facts.putIfAbsent("cpu_model", line.substring(colon + 1).strip());
			}
		}
	}

	private void bootTime(Map<String, String> facts) {
		for (String line : lines(this.proc.resolve("stat"))) {
			if (line.startsWith("btime ")) {
				facts.put("boot_time", line.substring(6).strip());
				return;
			}
		}
	}

	private void disks(Map<String, String> facts) {
		Set<String> devices = new LinkedHashSet<>();
		List<String> disks = new ArrayList<>();
		long total = 0;
		for (String line : lines(this.proc.resolve("mounts"))) {
			String[] fields = line.split(" ");
			if (fields.length < 3 || !fields[0].startsWith("/dev/") || fields[0].startsWith("/dev/loop")
					|| !devices.add(fields[0])) {
				continue;
			}
			String mount = fields[1].replace("\\040", " ");
			try {
				long size = Files.getFileStore(Path.of(mount)).getTotalSpace();
				total += size;
				disks.add(mount + "=" + size);
			}
			catch (IOException | RuntimeException ex) {
				// Unreadable mount point (permissions, gone meanwhile): left out.
			}
		}
		if (!disks.isEmpty()) {
			facts.put("disks", String.join(",", disks));
			facts.put("disk_total", Long.toString(total));
		}
	}

	private static void addresses(Map<String, String> facts) {
		Set<String> v4 = new TreeSet<>();
		Set<String> v6 = new TreeSet<>();
		try {
			for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
				if (!network.isUp() || network.isLoopback()) {
					continue;
				}
				for (InetAddress address : network.inetAddresses().toList()) {
					if (address instanceof Inet4Address) {
						v4.add(address.getHostAddress());
					}
					else if (!address.isLinkLocalAddress()) {
						String text = address.getHostAddress();
						int zone = text.indexOf('%');
						v6.add((zone >= 0) ? text.substring(0, zone) : text);
					}
				}
			}
		}
		catch (SocketException ex) {
			return;
		}
		if (!v4.isEmpty()) {
			facts.put("ipv4", String.join(",", v4));
		}
		if (!v6.isEmpty()) {
			facts.put("ipv6", String.join(",", v6));
		}
	}

	private static Optional<String> text(Path file) {
		try {
			return Optional.of(Files.readString(file).strip()).filter((text) -> !text.isEmpty());
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	private static String unquote(String value) {
		if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))
				&& value.charAt(value.length() - 1) == value.charAt(0)) {
			return value.substring(1, value.length() - 1);
		}
		return value;
	}

	private static String cut(String value) {
		return (value.length() > Facts.MAX_VALUE) ? value.substring(0, Facts.MAX_VALUE) : value;
	}

}
