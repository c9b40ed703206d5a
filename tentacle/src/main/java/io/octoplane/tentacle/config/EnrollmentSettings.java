package io.octoplane.tentacle.config;

import java.net.URI;
import java.util.Objects;

import io.octoplane.certs.IssueRequest;

/**
 * How a tentacle without a certificate gets one: it asks the brain's REST API, proving it
 * may join with a join token. Only used while the node's certificate and key files do not
 * exist yet.
 *
 * @param joinToken the join token; a secret, never printed by {@link #toString()}
 * @param name the node name to ask for, which becomes the certificate's CN
 * @param brainApi the brain's REST API, an {@code https} URL without a path
 */
public record EnrollmentSettings(String joinToken, String name, URI brainApi) {

	public EnrollmentSettings {
		Objects.requireNonNull(joinToken, "joinToken must not be null");
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(brainApi, "brainApi must not be null");
		if (joinToken.isBlank()) {
			throw new TentacleConfigException("joinToken must not be blank");
		}
		if (!IssueRequest.isValidName(name)) {
			throw new TentacleConfigException("name '" + name + "' is not a valid node name "
					+ "(1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit)");
		}
		// The join token travels in the request body: never over plain HTTP.
		if (!"https".equalsIgnoreCase(brainApi.getScheme()) || brainApi.getHost() == null) {
			throw new TentacleConfigException("brainApi '" + brainApi + "' must be an https:// URL with a host");
		}
	}

	@Override
	public String toString() {
		return "EnrollmentSettings[name=" + this.name + ", brainApi=" + this.brainApi + ", joinToken=(hidden)]";
	}

}
