package io.octoplane.tentacle.status;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.octoplane.protocol.agent.NodeStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * Samples the node's {@link NodeStatus}: cores, load averages, memory, the workspace's
 * file system, uptime and local time. As a {@link Supplier} it never throws, because a
 * metrics failure (an exotic platform, a vanished mount) must not stop heartbeats: the
 * heartbeat then carries no status and the node still shows as online.
 */
public final class HostMetrics implements Supplier<@Nullable NodeStatus> {

	private static final Logger logger = LoggerFactory.getLogger(HostMetrics.class);

	private final Path workspace;

	private final Clock clock;

	private final AtomicBoolean failureLogged = new AtomicBoolean();

	private volatile @Nullable SystemInfo systemInfo;

	/**
	 * Creates a sampler.
	 * @param workspace a path on the file system whose usage is reported
	 * @param clock the node clock reported as local time
	 */
	public HostMetrics(Path workspace, Clock clock) {
		this.workspace = workspace;
		this.clock = clock;
	}

	/**
	 * Samples the host.
	 * @return the status
	 * @throws IOException if the workspace's file system cannot be read
	 * @throws RuntimeException if OSHI cannot read the platform's metrics
	 */
	public NodeStatus sample() throws IOException {
		HardwareAbstractionLayer hardware = systemInfo().getHardware();
		CentralProcessor processor = hardware.getProcessor();
		double[] load = processor.getSystemLoadAverage(3);
		GlobalMemory memory = hardware.getMemory();
		FileStore store = Files.getFileStore(existing(this.workspace));
		long diskTotal = store.getTotalSpace();
		return new NodeStatus(Math.max(1, processor.getLogicalProcessorCount()), orUnknown(load[0]), orUnknown(load[1]),
				orUnknown(load[2]), Math.max(0, memory.getTotal() - memory.getAvailable()), memory.getTotal(),
				Math.max(0, diskTotal - store.getUnallocatedSpace()), diskTotal,
				systemInfo().getOperatingSystem().getSystemUptime(), this.clock.millis());
	}

	/**
	 * The status, or {@code null} if it cannot be sampled (logged once, not per
	 * heartbeat).
	 */
	@Override
	public @Nullable NodeStatus get() {
		try {
			NodeStatus status = sample();
			this.failureLogged.set(false);
			return status;
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			if (this.failureLogged.compareAndSet(false, true)) {
				logger.warn("cannot read host metrics, heartbeats carry no status: {}", ex.toString());
			}
			return null;
		}
	}

	private SystemInfo systemInfo() {
		SystemInfo info = this.systemInfo;
		if (info == null) {
			// Created lazily: OSHI loads native bindings, which a node without metrics
			// support should only pay for (and fail on) when sampling, not at start-up.
			info = new SystemInfo();
			this.systemInfo = info;
		}
		return info;
	}

	private static Path existing(Path path) {
		Path candidate = path.toAbsolutePath();
		while (candidate != null && !Files.exists(candidate)) {
			candidate = candidate.getParent();
		}
		return (candidate != null) ? candidate : path;
	}

	private static double orUnknown(double load) {
		return (load < 0 || Double.isNaN(load)) ? -1 : load;
	}

}
