package io.octoplane.nameserver.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.octoplane.protocol.api.NameEntry;
import io.octoplane.server.redis.RedisKeys;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

/**
 * Entries in Redis: the hash {@code octoplane:ns:{names}:entries} maps a name to its
 * entry as JSON, and the sorted set {@code octoplane:ns:{names}:expiry} scores each name
 * by its expiry in epoch milliseconds. Expiry is judged by the nameserver's clock against
 * the score, not by Redis key TTLs, so every nameserver on one Redis agrees and expired
 * entries are dropped on the next write or listing. Both keys share a hash tag, so the
 * scripts run on Redis Cluster.
 */
@Repository
class NameRepository {

	static final String ENTRIES = RedisKeys.PREFIX + "ns:{names}:entries";

	static final String EXPIRY = RedisKeys.PREFIX + "ns:{names}:expiry";

	private static final RedisScript<Long> SAVE = RedisScript.of("""
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
			return 1
			""", Long.class);

	private static final RedisScript<Long> REMOVE = RedisScript.of("""
			redis.call('ZREM', KEYS[2], ARGV[1])
			return redis.call('HDEL', KEYS[1], ARGV[1])
			""", Long.class);

	private static final RedisScript<Long> PRUNE = RedisScript.of("""
			local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
			for _, name in ipairs(old) do
			  redis.call('HDEL', KEYS[1], name)
			end
			redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
			return #old
			""", Long.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	NameRepository(StringRedisTemplate redis, JsonMapper json) {
		this.redis = redis;
		this.json = json;
	}

	void save(NameEntry entry) {
		this.redis.execute(SAVE, List.of(ENTRIES, EXPIRY), entry.name(), this.json.writeValueAsString(entry),
				Long.toString(entry.expiresAt().toEpochMilli()));
	}

	boolean remove(String name) {
		Long removed = this.redis.execute(REMOVE, List.of(ENTRIES, EXPIRY), name);
		return removed != null && removed > 0;
	}

	/** Drops the entries that expired at or before this time. */
	void prune(long nowMillis) {
		this.redis.execute(PRUNE, List.of(ENTRIES, EXPIRY), Long.toString(nowMillis));
	}

	/** An entry, whether or not it has expired; the caller judges. */
	Optional<NameEntry> find(String name) {
		Object value = this.redis.opsForHash().get(ENTRIES, name);
		return (value != null) ? Optional.of(this.json.readValue(value.toString(), NameEntry.class)) : Optional.empty();
	}

	/** How many names are stored, expired ones included until the next prune. */
	long count() {
		Long size = this.redis.opsForZSet().zCard(EXPIRY);
		return (size != null) ? size : 0;
	}

	/** Every stored entry, expired ones included until the next prune. */
	List<NameEntry> all() {
		List<NameEntry> entries = new ArrayList<>();
		for (Object value : this.redis.opsForHash().values(ENTRIES)) {
			entries.add(this.json.readValue(value.toString(), NameEntry.class));
		}
		return entries;
	}

}
