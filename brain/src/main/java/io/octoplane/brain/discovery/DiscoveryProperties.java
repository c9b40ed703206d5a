package io.octoplane.brain.discovery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the brain registers itself with the nameserver.
 *
 * @param url the nameserver's HTTPS address, for example {@code https://ns.example:3455};
 * empty means no registration
 * @param serviceName the entry's name; several brains of one fleet share it only if they
 * share a Redis, since the last one to refresh wins
 * @param advertisedAgentHost the host name tentacles dial, which must be in the brain
 * certificate's names; empty means this machine's host name
 * @param ttl how long the entry lives without a refresh; it is refreshed every third of
 * this
 * @param sslBundle the bundle with the brain's certificate (a client certificate towards
 * the nameserver) and the CA the nameserver's certificate must chain to
 */
@ConfigurationProperties("octoplane.nameserver")
public record DiscoveryProperties(@DefaultValue("") String url, @DefaultValue("brain") String serviceName,
		@DefaultValue("") String advertisedAgentHost, @DefaultValue("30s") Duration ttl,
		@DefaultValue("agent") String sslBundle) {

	public DiscoveryProperties {
		if (ttl.toSeconds() < 3) {
			throw new IllegalArgumentException("octoplane.nameserver.ttl must be at least 3s");
		}
		if (!url.isBlank() && !url.startsWith("https://")) {
			throw new IllegalArgumentException("octoplane.nameserver.url must be an https:// address, not " + url);
		}
	}

}
