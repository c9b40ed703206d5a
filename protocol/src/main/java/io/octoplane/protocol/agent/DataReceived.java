package io.octoplane.protocol.agent;

import java.util.Objects;

/**
 * The brain stored what a tentacle sent on a data connection; the tentacle compares the
 * digest with its own before it reports success.
 *
 * @param sha256 lower-case hex SHA-256 of the bytes the brain stored
 * @param sizeBytes how many bytes it stored
 */
public record DataReceived(String sha256, long sizeBytes) implements BrainMessage {

	public DataReceived {
		Objects.requireNonNull(sha256, "sha256 must not be null");
	}

}
