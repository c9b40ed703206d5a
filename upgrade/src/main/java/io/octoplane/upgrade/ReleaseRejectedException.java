package io.octoplane.upgrade;

import java.io.IOException;
import java.util.Objects;

/**
 * A release that was not installed because the nameserver does not have it or its bytes
 * do not verify; a failure to reach the nameserver is a plain {@link IOException}
 * instead, since trying again later may work.
 */
public final class ReleaseRejectedException extends IOException {

	private final Reason reason;

	ReleaseRejectedException(Reason reason, String message) {
		super(message);
		this.reason = Objects.requireNonNull(reason, "reason must not be null");
	}

	/** Why the release was refused. */
	public Reason reason() {
		return this.reason;
	}

	/** Why a release was refused. */
	public enum Reason {

		/** The nameserver has no such component and version. */
		NOT_FOUND,

		/** The package's SHA-256 is not the one the nameserver states. */
		CHECKSUM_MISMATCH,

		/** The signature does not verify against the trusted release key. */
		BAD_SIGNATURE

	}

}
