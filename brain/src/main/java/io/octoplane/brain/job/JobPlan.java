package io.octoplane.brain.job;

import java.util.HashSet;
import java.util.Set;

/**
 * What a brain keeps in memory about an active job: its spec, its targets as a set (to
 * check quickly whether a node may report about it), and the reason given to running
 * nodes when it is cancelled.
 */
final class JobPlan {

	private final JobSpec spec;

	private final Set<String> targets;

	private volatile String cancelReason = "cancelled";

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

	String cancelReason() {
		return this.cancelReason;
	}

	void cancelReason(String reason) {
		this.cancelReason = reason;
	}

}
