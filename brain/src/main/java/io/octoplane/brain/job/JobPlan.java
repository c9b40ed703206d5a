package io.octoplane.brain.job;

import java.util.HashSet;
import java.util.Set;

import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.ProtocolException;
import org.jspecify.annotations.Nullable;

/**
 * What a brain keeps in memory about an active job: its spec, its targets as a set (to
 * check quickly whether a node may report about it), its command frame, encoded once, and
 * the reason given to running nodes when it is cancelled.
 */
final class JobPlan {

	private final JobSpec spec;

	private final Set<String> targets;

	private volatile String cancelReason = "cancelled";

	private volatile byte @Nullable [] runFrame;

	JobPlan(JobSpec spec) {
		this.spec = spec;
		this.targets = new HashSet<>(spec.targets());
	}

	JobSpec spec() {
		return this.spec;
	}

	boolean targets(String node) {
		return this.targets.contains(node);
	}

	/**
	 * The job's {@link io.octoplane.protocol.agent.RunCommand} as a frame, encoded once
	 * for every node it goes to.
	 */
	byte[] runFrame(FrameCodec codec) throws ProtocolException {
		byte[] frame = this.runFrame;
		if (frame == null) {
			frame = codec.encode(this.spec.toRunCommand());
			this.runFrame = frame;
		}
		return frame;
	}

	String cancelReason() {
		return this.cancelReason;
	}

	void cancelReason(String reason) {
		this.cancelReason = reason;
	}

}
