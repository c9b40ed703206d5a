package io.octoplane.tentacle.status;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.host.HostSampler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the node's {@link NodeStatus} with a {@link HostSampler} over the workspace's
 * file system. As a {@link Supplier} it never throws, because a metrics failure (another
 * platform, a vanished mount) must not stop heartbeats: the heartbeat then carries no
 * status and the node still shows as online.
 */
public final class HostMetrics implements Supplier<@Nullable NodeStatus> {

	private static final Logger logger = LoggerFactory.getLogger(HostMetrics.class);

	private final HostSampler sampler;

	private final AtomicBoolean failureLogged = new AtomicBoolean();

	/**
	 * Creates a sampler.
	 * @param workspace a path on the file system whose usage is reported
	 * @param clock the node clock reported as local time
	 */
	public HostMetrics(Path workspace, Clock clock) {
		this(Path.of("/proc"), workspace, clock);
	}

	HostMetrics(Path proc, Path workspace, Clock clock) {
		this.sampler = new HostSampler(proc, workspace, clock);
	}

	/**
	 * Samples the host.
	 * @return the status
	 * @throws IOException if {@code /proc} or the workspace's file system cannot be read
	 * @throws RuntimeException if {@code /proc} holds what this does not understand
	 */
	public NodeStatus sample() throws IOException {
		return this.sampler.sample();
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
		catch (IOException | RuntimeException ex) {
			if (this.failureLogged.compareAndSet(false, true)) {
				logger.warn("cannot read host metrics, heartbeats carry no status: {}", ex.toString());
			}
			return null;
		}
	}

}
