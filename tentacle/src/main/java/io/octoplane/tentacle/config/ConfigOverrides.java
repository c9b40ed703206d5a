package io.octoplane.tentacle.config;

import org.jspecify.annotations.Nullable;

/**
 * Settings given on the command line. They win over the environment and the config file;
 * a {@code null} component means the flag was not given.
 *
 * @param brain brain address, {@code host[:port]}
 * @param cert node certificate PEM file
 * @param key node private key PEM file
 * @param ca CA certificate PEM file that signed the brain's certificate
 * @param workspace folder where commands run
 * @param joinToken join token to enroll with when there is no certificate yet
 * @param name node name to enroll as
 * @param brainApi the brain's REST API URL, for enrollment
 */
public record ConfigOverrides(@Nullable String brain, @Nullable String cert, @Nullable String key, @Nullable String ca,
		@Nullable String workspace, @Nullable String joinToken, @Nullable String name, @Nullable String brainApi) {

	/** No flags given. */
	public static ConfigOverrides none() {
		return new ConfigOverrides(null, null, null, null, null, null, null, null);
	}

	/**
	 * Flags for the connection files only, without enrollment.
	 * @param brain brain address
	 * @param cert node certificate PEM file
	 * @param key node private key PEM file
	 * @param ca CA certificate PEM file
	 * @param workspace folder where commands run
	 * @return the overrides
	 */
	public static ConfigOverrides of(@Nullable String brain, @Nullable String cert, @Nullable String key,
			@Nullable String ca, @Nullable String workspace) {
		return new ConfigOverrides(brain, cert, key, ca, workspace, null, null, null);
	}

	@Override
	public String toString() {
		return "ConfigOverrides[brain=" + this.brain + ", cert=" + this.cert + ", key=" + this.key + ", ca=" + this.ca
				+ ", workspace=" + this.workspace + ", joinToken=" + ((this.joinToken != null) ? "(hidden)" : null)
				+ ", name=" + this.name + ", brainApi=" + this.brainApi + "]";
	}

}
