package io.octoplane.protocol.host;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

import io.octoplane.protocol.agent.NodeStatus;

/**
 * Samples a host's {@link NodeStatus}: cores, load averages, memory, the file system of a
 * given folder, uptime and local time. The figures come from {@code /proc} (Linux) and
 * the file system's statvfs, read as text: a metrics library with native bindings cost
 * the agent more memory than everything else it keeps at idle. The tentacle samples its
 * node with it, the brain its own host, so both report the same figures the same way.
 */
public final class HostSampler {

	private final Path proc;

	private final Path disk;

	private final Clock clock;

	/**
	 * Creates a sampler.
	 * @param proc the {@code /proc} folder to read
	 * @param disk a path on the file system whose usage is reported; it need not exist
	 * yet
	 * @param clock the clock reported as local time
	 */
	public HostSampler(Path proc, Path disk, Clock clock) {
		this.proc = proc;
		this.disk = disk;
		this.clock = clock;
	}

	/**
	 * Samples the host.
	 * @return the status
	 * @throws IOException if {@code /proc} or the file system cannot be read
	 * @throws RuntimeException if {@code /proc} holds what this does not understand
	 */
	public NodeStatus sample() throws IOException {
		String[] load = Files.readString(this.proc.resolve("loadavg")).strip().split("\\s+");
		long memoryTotal = 0;
		long memoryAvailable = -1;
		for (String line : Files.readAllLines(this.proc.resolve("meminfo"))) {
			if (line.startsWith("MemTotal:")) {
				memoryTotal = kibibytes(line);
			}
			else if (line.startsWith("MemAvailable:")) {
				memoryAvailable = kibibytes(line);
			}
		}
		if (memoryTotal <= 0 || memoryAvailable < 0) {
			throw new IllegalStateException("no MemTotal or MemAvailable in " + this.proc.resolve("meminfo"));
		}
		String uptime = Files.readString(this.proc.resolve("uptime")).strip();
		FileStore store = Files.getFileStore(existing(this.disk));
		long diskTotal = store.getTotalSpace();
		return new NodeStatus(cores(), orUnknown(load[0]), orUnknown(load[1]), orUnknown(load[2]),
				Math.max(0, memoryTotal - memoryAvailable), memoryTotal,
				Math.max(0, diskTotal - store.getUnallocatedSpace()), diskTotal,
				(long) Double.parseDouble(uptime.substring(0, uptime.indexOf(' '))), this.clock.millis());
	}

	// The host's processors, as OSHI counted them, rather than the JVM's share of them
	// (availableProcessors follows the cgroup's CPU limit).
	private int cores() throws IOException {
		try (Stream<String> lines = Files.lines(this.proc.resolve("cpuinfo"))) {
			long processors = lines.filter((line) -> line.startsWith("processor")).count();
			return (int) Math.max(1, (processors > 0) ? processors : Runtime.getRuntime().availableProcessors());
		}
	}

	private static long kibibytes(String line) {
		String[] parts = line.split("\\s+");
		return Long.parseLong(parts[1]) * 1024;
	}

	private static Path existing(Path path) {
		Path candidate = path.toAbsolutePath();
		while (candidate != null && !Files.exists(candidate)) {
			candidate = candidate.getParent();
		}
		return (candidate != null) ? candidate : path;
	}

	private static double orUnknown(String load) {
		double value = Double.parseDouble(load);
		return (value < 0 || Double.isNaN(value)) ? -1 : value;
	}

}
