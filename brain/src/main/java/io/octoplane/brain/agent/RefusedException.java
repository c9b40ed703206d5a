package io.octoplane.brain.agent;

import java.io.IOException;

import io.octoplane.brain.metrics.RefusalReason;

/** The peer is not allowed to connect; it is told why and not asked to retry. */
final class RefusedException extends IOException {

	private final RefusalReason reason;

	RefusedException(RefusalReason reason, String message) {
		super(message);
		this.reason = reason;
	}

	RefusalReason reason() {
		return this.reason;
	}

}
