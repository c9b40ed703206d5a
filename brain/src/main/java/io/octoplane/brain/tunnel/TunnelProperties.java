package io.octoplane.brain.tunnel;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of tunnels.
 *
 * @param openTimeout how long the node may take to reach the service and dial back
 * @param attachTimeout how long an opened tunnel waits for its operator to attach
 * @param maxOpen most tunnels this brain holds at once, opening or attached
 */
@ConfigurationProperties("octoplane.tunnel")
public record TunnelProperties(@DefaultValue("15s") Duration openTimeout, @DefaultValue("30s") Duration attachTimeout,
		@DefaultValue("256") int maxOpen) {

	public TunnelProperties {
		if (openTimeout.isNegative() || openTimeout.isZero()) {
			throw new IllegalArgumentException("octoplane.tunnel.open-timeout must be positive");
		}
		if (attachTimeout.isNegative() || attachTimeout.isZero()) {
			throw new IllegalArgumentException("octoplane.tunnel.attach-timeout must be positive");
		}
		if (maxOpen < 1) {
			throw new IllegalArgumentException("octoplane.tunnel.max-open must be at least 1");
		}
	}

}
