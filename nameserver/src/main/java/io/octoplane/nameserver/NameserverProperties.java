package io.octoplane.nameserver;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the nameserver's registry.
 *
 * @param maxTtl the longest TTL an entry may ask for, so a service that died without
 * removing itself disappears within this time at the latest
 * @param maxEntries how many live entries the registry holds at most, so a faulty or
 * hostile registrant cannot fill Redis
 * @param auditEntries how many audit entries the Redis stream keeps (approximately)
 */
@ConfigurationProperties("octoplane.nameserver")
public record NameserverProperties(@DefaultValue("10m") Duration maxTtl, @DefaultValue("10000") int maxEntries,
		@DefaultValue("100000") long auditEntries) {

}
