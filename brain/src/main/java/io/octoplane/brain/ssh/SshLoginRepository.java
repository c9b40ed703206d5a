package io.octoplane.brain.ssh;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.octoplane.protocol.api.SshLogin;
import io.octoplane.server.redis.RedisKeys;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

/** SSH logins in Redis, one hash per workgroup ({@code octoplane:ssh:{path}}). */
@Repository
class SshLoginRepository {

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	SshLoginRepository(StringRedisTemplate redis, JsonMapper json) {
		this.redis = redis;
		this.json = json;
	}

	void save(String workgroup, SshLogin login) {
		this.redis.opsForHash().put(key(workgroup), login.name(), this.json.writeValueAsString(login));
	}

	Optional<SshLogin> find(String workgroup, String name) {
		Object value = this.redis.opsForHash().get(key(workgroup), name);
		return Optional.ofNullable(value).map((text) -> this.json.readValue((String) text, SshLogin.class));
	}

	/** Every login of the workgroup, by name. */
	Map<String, SshLogin> all(String workgroup) {
		Map<String, SshLogin> logins = new TreeMap<>();
		this.redis.opsForHash()
			.entries(key(workgroup))
			.forEach((name, value) -> logins.put((String) name, this.json.readValue((String) value, SshLogin.class)));
		return logins;
	}

	boolean delete(String workgroup, String name) {
		return this.redis.opsForHash().delete(key(workgroup), name) > 0;
	}

	private static String key(String workgroup) {
		return RedisKeys.PREFIX + "ssh:{" + workgroup + "}";
	}

}
