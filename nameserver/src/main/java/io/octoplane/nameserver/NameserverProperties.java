package io.octoplane.nameserver;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the nameserver's registry and where it keeps releases.
 *
 * @param maxTtl the longest TTL an entry may ask for, so a service that died without
 * removing itself disappears within this time at the latest
 * @param maxEntries how many live entries the registry holds at most, so a faulty or
 * hostile registrant cannot fill Redis
 * @param auditEntries how many audit entries the Redis stream keeps (approximately)
 * @param dataDir folder of the release packages, stored by SHA-256 under {@code blobs/}
 * @param releasePublicKey PEM file of the Ed25519 release public key every uploaded
 * release must be signed for; empty refuses all uploads
 * @param maxReleaseSize the largest package accepted
 */
@ConfigurationProperties("octoplane.nameserver")
public record NameserverProperties(@DefaultValue("10m") Duration maxTtl, @DefaultValue("10000") int maxEntries,
		@DefaultValue("100000") long auditEntries, @DefaultValue("data") Path dataDir,
		@DefaultValue("") String releasePublicKey, @DefaultValue("512MB") DataSize maxReleaseSize) {

}
