package io.octoplane.brain.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.octoplane.server.redis.RedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

/**
 * Tokens in Redis, keyed by the SHA-256 of their secret so that a copy of Redis holds no
 * working credential: {@code octoplane:token:{<sha256>}} hash (id, role, workgroup,
 * expiresAt, usesLeft, description, createdBy, createdAt),
 * {@code octoplane:token-id:{<id>}} holding that hash, and
 * {@code octoplane:tokens:{<workgroup>}} with the ids of a workgroup's tokens scored by
 * expiry. Token and id keys expire with the token.
 */
@Repository
class TokenRepository {

	/**
	 * Takes one use of a join token if it is still valid, in one step so that concurrent
	 * enrollments can never share the last use.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CONSUME = RedisScript.of("""
			local t = redis.call('HMGET', KEYS[1], 'role', 'expiresAt', 'usesLeft', 'workgroup', 'id')
			if t[1] ~= 'node' or tonumber(t[2] or '0') <= tonumber(ARGV[1]) or tonumber(t[3] or '0') <= 0 then
			  return {}
			end
			redis.call('HINCRBY', KEYS[1], 'usesLeft', -1)
			return {t[4], t[5]}
			""", List.class);

	private final StringRedisTemplate redis;

	TokenRepository(StringRedisTemplate redis) {
		this.redis = redis;
	}

	void save(String hash, Map<String, String> fields, String workgroup, Instant now, Instant expiresAt) {
		String id = fields.get("id");
		// Relative expiry, so that Redis and brain clocks need not agree; reads still
		// check expiresAt, so a crash before the expiry is set leaves nothing usable.
		Duration ttl = Duration.between(now, expiresAt);
		this.redis.opsForHash().putAll(key(hash), fields);
		this.redis.expire(key(hash), ttl);
		this.redis.opsForValue().set(idKey(id), hash, ttl);
		this.redis.opsForZSet().add(indexKey(workgroup), id, expiresAt.toEpochMilli());
	}

	Map<Object, Object> findByHash(String hash) {
		return this.redis.opsForHash().entries(key(hash));
	}

	Optional<Map<Object, Object>> findById(String id) {
		String hash = this.redis.opsForValue().get(idKey(id));
		if (hash == null) {
			return Optional.empty();
		}
		Map<Object, Object> token = findByHash(hash);
		return token.isEmpty() ? Optional.empty() : Optional.of(token);
	}

	/**
	 * Takes one use of a join token.
	 * @return the token's workgroup and id, or an empty list
	 */
	List<?> consume(String hash, long nowMillis) {
		List<?> result = this.redis.execute(CONSUME, List.of(key(hash)), Long.toString(nowMillis));
		return (result != null) ? result : List.of();
	}

	/** The ids of a workgroup's unexpired tokens, forgetting expired ones on the way. */
	Set<String> ids(String workgroup, long nowMillis) {
		this.redis.opsForZSet().removeRangeByScore(indexKey(workgroup), Double.NEGATIVE_INFINITY, nowMillis);
		Set<String> ids = this.redis.opsForZSet().range(indexKey(workgroup), 0, -1);
		return (ids != null) ? ids : Set.of();
	}

	void delete(String id, String workgroup) {
		String hash = this.redis.opsForValue().get(idKey(id));
		if (hash != null) {
			this.redis.delete(key(hash));
		}
		this.redis.delete(idKey(id));
		this.redis.opsForZSet().remove(indexKey(workgroup), id);
	}

	/** Deletes every token of a workgroup with its index. */
	void deleteAll(String workgroup) {
		Set<String> ids = this.redis.opsForZSet().range(indexKey(workgroup), 0, -1);
		if (ids != null) {
			ids.forEach((id) -> delete(id, workgroup));
		}
		this.redis.delete(indexKey(workgroup));
	}

	private static String key(String hash) {
		return RedisKeys.PREFIX + "token:{" + hash + "}";
	}

	private static String idKey(String id) {
		return RedisKeys.PREFIX + "token-id:{" + id + "}";
	}

	private static String indexKey(String workgroup) {
		return RedisKeys.PREFIX + "tokens:{" + workgroup + "}";
	}

}
