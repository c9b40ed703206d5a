package io.octoplane.protocol.api;

import java.util.Objects;

/**
 * Identity of the brain that answered.
 *
 * @param name the brain's instance name
 * @param version its release version
 * @param addr the address of its REST API as configured, {@code host:port}
 */
public record BrainInfo(String name, String version, String addr) {

	public BrainInfo {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(version, "version must not be null");
		Objects.requireNonNull(addr, "addr must not be null");
	}

}
