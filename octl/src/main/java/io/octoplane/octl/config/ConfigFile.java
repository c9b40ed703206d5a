package io.octoplane.octl.config;

import org.jspecify.annotations.Nullable;

/**
 * The octl config file as written, before defaults, environment overrides and path
 * resolution. Every member is optional here; {@link OctlConfig} decides what is required.
 */
record ConfigFile(@Nullable String brain, @Nullable String cert, @Nullable String key, @Nullable String ca,
		@Nullable String timeout) {

	static final String KEYS = "brain, cert, key, ca, timeout";

	static ConfigFile empty() {
		return new ConfigFile(null, null, null, null, null);
	}

}
