package io.octoplane.tentacle.connection;

import java.io.IOException;

/**
 * The brain said {@code Goodbye}: it closed the connection on purpose and told us why,
 * and whether dialling again can help.
 */
public class BrainRefusedException extends IOException {

	private final boolean retry;

	public BrainRefusedException(String reason, boolean retry) {
		super(reason);
		this.retry = retry;
	}

	/** Whether redialling can help; {@code false} means the tentacle must stop. */
	public boolean retry() {
		return this.retry;
	}

}
