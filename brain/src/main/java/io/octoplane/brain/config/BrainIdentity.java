package io.octoplane.brain.config;

import io.octoplane.protocol.api.BrainInfo;

/**
 * Who this brain is, as told to operators ({@code octl node get}) and to tentacles
 * ({@code Welcome}).
 *
 * @param info name, version and REST address
 */
public record BrainIdentity(BrainInfo info) {

	public String name() {
		return this.info.name();
	}

	public String version() {
		return this.info.version();
	}

}
