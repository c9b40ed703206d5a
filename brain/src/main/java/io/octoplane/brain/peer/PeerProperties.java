package io.octoplane.brain.peer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The internal port on which brains serve each other.
 *
 * @param port port to bind; 0 picks a free one, announced as bound (set a fixed one when
 * a firewall stands between brains)
 * @param address address to bind
 * @param advertisedHost the host peers dial, as the brain certificate names it; empty for
 * the host of {@code octoplane.brain.advertised-address} (the brain's host name unless
 * set)
 * @param sslBundle the {@code spring.ssl.bundle.pem.*} bundle with the brain's
 * certificate and the fleet CA (the agent port's, by default)
 * @param announceInterval how often the address is announced again
 * @param timeout how long a peer call may wait for an answer to start
 */
@ConfigurationProperties("octoplane.peer")
public record PeerProperties(@DefaultValue("0") int port, @DefaultValue("0.0.0.0") String address,
		@DefaultValue("") String advertisedHost, @DefaultValue("agent") String sslBundle,
		@DefaultValue("5s") Duration announceInterval, @DefaultValue("10s") Duration timeout) {

}
