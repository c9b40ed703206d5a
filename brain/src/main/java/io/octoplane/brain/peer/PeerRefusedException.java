package io.octoplane.brain.peer;

import java.io.Serial;

/**
 * A peer brain answered a call but did not accept it: it has nothing under the name asked
 * for ({@link PeerConnection#MISSING}), or it refused the caller.
 */
public class PeerRefusedException extends Exception {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String status;

	PeerRefusedException(String status, String detail) {
		super(detail);
		this.status = status;
	}

	/** The peer's answer: {@link PeerConnection#MISSING}, or a reason of the verb's. */
	public String status() {
		return this.status;
	}

	/** Whether the peer only lacks what was asked for. */
	public boolean isMissing() {
		return PeerConnection.MISSING.equals(this.status);
	}

}
