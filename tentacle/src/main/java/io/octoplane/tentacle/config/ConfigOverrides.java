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
 */
public record ConfigOverrides(@Nullable String brain, @Nullable String cert, @Nullable String key, @Nullable String ca,
		@Nullable String workspace) {

	/** No flags given. */
	public static ConfigOverrides none() {
		return new ConfigOverrides(null, null, null, null, null);
	}

}
