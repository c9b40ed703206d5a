package io.octoplane.protocol.api;

import java.util.Objects;

/**
 * Body of {@code PUT /api/v1/workgroup/password}. The password is stored only as a hash
 * and is never returned or logged.
 *
 * @param password the new password, 12 to 256 characters
 */
public record PasswordRequest(String password) {

	public PasswordRequest {
		Objects.requireNonNull(password, "password must not be null");
	}

	@Override
	public String toString() {
		return "PasswordRequest[password=(hidden)]";
	}

}
