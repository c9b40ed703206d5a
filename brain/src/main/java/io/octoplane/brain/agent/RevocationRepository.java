package io.octoplane.brain.agent;

import java.math.BigInteger;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

/**
 * Serial numbers of revoked node certificates ({@code octoplane:revoked:serials}),
 * checked on every handshake of the agent port, by every brain.
 */
@Repository
public class RevocationRepository {

	static final String SERIALS = "octoplane:revoked:serials";

	private final StringRedisTemplate redis;

	RevocationRepository(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Revokes a certificate. */
	public void revoke(BigInteger serial) {
		this.redis.opsForSet().add(SERIALS, serial.toString(16));
	}

	/** Whether a certificate is revoked. */
	public boolean isRevoked(BigInteger serial) {
		return Boolean.TRUE.equals(this.redis.opsForSet().isMember(SERIALS, serial.toString(16)));
	}

}
