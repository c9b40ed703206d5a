package io.octoplane.nameserver.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.octoplane.protocol.api.ReleaseInfo;
import io.octoplane.server.redis.RedisKeys;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

/**
 * Release details in Redis: the hash {@code octoplane:ns:{releases}} maps
 * {@code <component>/<version>} to the release as JSON. The packages themselves are on
 * disk ({@link BlobStore}).
 */
@Repository
class ReleaseRepository {

	static final String RELEASES = RedisKeys.PREFIX + "ns:{releases}";

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	ReleaseRepository(StringRedisTemplate redis, JsonMapper json) {
		this.redis = redis;
		this.json = json;
	}

	/** Stores a release unless that component and version exist already. */
	boolean saveIfAbsent(ReleaseInfo release) {
		Boolean saved = this.redis.opsForHash()
			.putIfAbsent(RELEASES, key(release.component(), release.version()), this.json.writeValueAsString(release));
		return Boolean.TRUE.equals(saved);
	}

	Optional<ReleaseInfo> find(String component, String version) {
		Object value = this.redis.opsForHash().get(RELEASES, key(component, version));
		return (value != null) ? Optional.of(this.json.readValue(value.toString(), ReleaseInfo.class))
				: Optional.empty();
	}

	List<ReleaseInfo> all() {
		List<ReleaseInfo> releases = new ArrayList<>();
		for (Object value : this.redis.opsForHash().values(RELEASES)) {
			releases.add(this.json.readValue(value.toString(), ReleaseInfo.class));
		}
		return releases;
	}

	private static String key(String component, String version) {
		return component + "/" + version;
	}

}
