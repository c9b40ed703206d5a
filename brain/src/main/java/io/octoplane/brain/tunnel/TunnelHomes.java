package io.octoplane.brain.tunnel;

import java.time.Duration;
import java.util.Optional;

import io.octoplane.server.redis.RedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Which brain a tunnel lives on: the one that took the operator's request and waits for
 * the node. A node's data connection, or an operator's WebSocket, that lands on another
 * brain looks its tunnel up here and is relayed to that brain. One Redis key per tunnel,
 * lapsing when an unattached tunnel would have expired anyway.
 */
@Component
class TunnelHomes {

	private final StringRedisTemplate redis;

	TunnelHomes(StringRedisTemplate redis) {
		this.redis = redis;
	}

	void put(String id, String brain, Duration ttl) {
		this.redis.opsForValue().set(key(id), brain, ttl);
	}

	Optional<String> find(String id) {
		return Optional.ofNullable(this.redis.opsForValue().get(key(id)));
	}

	void remove(String id) {
		this.redis.delete(key(id));
	}

	private static String key(String id) {
		return RedisKeys.PREFIX + "tunnel:" + id;
	}

}
