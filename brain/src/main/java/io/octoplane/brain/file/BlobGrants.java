package io.octoplane.brain.file;

import java.util.Set;

import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.server.redis.RedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which workgroups may read a blob ({@code octoplane:blob:{sha256}:workgroups}): those
 * that stored it or had a node send it, and every workgroup above them. Blobs are named
 * by content, so without this a digest seen in one workgroup would open another's file.
 */
@Repository
class BlobGrants {

	private final StringRedisTemplate redis;

	BlobGrants(StringRedisTemplate redis) {
		this.redis = redis;
	}

	void grant(String sha256, String workgroup) {
		this.redis.opsForSet().add(key(sha256), workgroup);
	}

	boolean canRead(String sha256, String workgroup) {
		Set<String> granted = this.redis.opsForSet().members(key(sha256));
		return granted != null
				&& granted.stream().anyMatch((owner) -> WorkgroupService.isSameOrBelow(owner, workgroup));
	}

	private static String key(String sha256) {
		return RedisKeys.PREFIX + "blob:{" + sha256 + "}:workgroups";
	}

}
