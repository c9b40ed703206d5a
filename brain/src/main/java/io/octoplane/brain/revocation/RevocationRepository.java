package io.octoplane.brain.revocation;

import java.math.BigInteger;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.octoplane.brain.agent.RevokedCertificates;
import io.octoplane.server.redis.RedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

/**
 * Serial numbers of revoked node certificates ({@code octoplane:revoked:serials}),
 * checked on every handshake of the agent port, by every brain.
 */
@Repository
public class RevocationRepository implements RevokedCertificates {

	static final String SERIALS = RedisKeys.PREFIX + "revoked:serials";

	private final StringRedisTemplate redis;

	RevocationRepository(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Revokes a certificate. */
	public void revoke(BigInteger serial) {
		this.redis.opsForSet().add(SERIALS, serial.toString(16));
	}

	@Override
	public Set<String> revokedAmong(Collection<String> serials) {
		if (serials.isEmpty()) {
			return Set.of();
		}
		Map<Object, Boolean> members = this.redis.opsForSet().isMember(SERIALS, serials.toArray());
		Set<String> revoked = new HashSet<>();
		if (members != null) {
			members.forEach((serial, member) -> {
				if (Boolean.TRUE.equals(member)) {
					revoked.add(serial.toString());
				}
			});
		}
		return revoked;
	}

	@Override
	public boolean isRevoked(BigInteger serial) {
		return Boolean.TRUE.equals(this.redis.opsForSet().isMember(SERIALS, serial.toString(16)));
	}

}
