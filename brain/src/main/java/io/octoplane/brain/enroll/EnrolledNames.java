package io.octoplane.brain.enroll;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

/**
 * The names enrollment has handed out. A name stays taken while its certificate is good;
 * revoking the certificate gives the name back, so the node can enroll again (once it is
 * pruned) with a new join token and a new key, while the old certificate stays refused by
 * its serial.
 */
@Repository
public class EnrolledNames {

	private final StringRedisTemplate redis;

	EnrolledNames(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Gives a name back to enrollment.
	 * @param name the node whose certificate was revoked
	 */
	public void release(String name) {
		this.redis.opsForSet().remove(EnrollService.ENROLLED, name);
	}

}
