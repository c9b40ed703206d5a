package io.octoplane.protocol.api;

import java.util.Objects;

/**
 * Body of the scenario and nodeapp reset calls: bring back an earlier version as a new
 * one, keeping history.
 *
 * @param version the version's id, or a prefix of at least 3 characters that names one
 * version only
 * @param message what the reset is for
 */
public record ResetRequest(String version, String message) {

	public ResetRequest {
		Objects.requireNonNull(version, "version must not be null");
		Objects.requireNonNull(message, "message must not be null");
	}

}
