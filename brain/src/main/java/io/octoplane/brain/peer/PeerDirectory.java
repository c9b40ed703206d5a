package io.octoplane.brain.peer;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.octoplane.server.redis.RedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Which brains are up and where they listen for peers: one Redis hash,
 * {@code octoplane:peers}, from a brain's name to {@code <uri> <expiry in epoch ms>}.
 * Each brain renews its entry every announce interval; an entry three intervals old
 * belongs to a brain that died and is skipped (and removed by whoever sees it).
 */
@Component
public class PeerDirectory {

	static final String KEY = RedisKeys.PREFIX + "peers";

	private final StringRedisTemplate redis;

	private final Clock clock;

	PeerDirectory(StringRedisTemplate redis, Clock clock) {
		this.redis = redis;
		this.clock = clock;
	}

	void announce(String brain, URI address, long ttlMillis) {
		this.redis.opsForHash().put(KEY, brain, address + " " + (this.clock.millis() + ttlMillis));
	}

	void withdraw(String brain) {
		this.redis.opsForHash().delete(KEY, brain);
	}

	/**
	 * The live peers other than one brain.
	 * @param self the brain asking
	 * @return their addresses
	 */
	public List<URI> others(String self) {
		long now = this.clock.millis();
		List<URI> live = new ArrayList<>();
		for (Map.Entry<Object, Object> entry : this.redis.opsForHash().entries(KEY).entrySet()) {
			String[] parts = ((String) entry.getValue()).split(" ");
			if (Long.parseLong(parts[1]) < now) {
				this.redis.opsForHash().delete(KEY, entry.getKey());
			}
			else if (!self.equals(entry.getKey())) {
				live.add(URI.create(parts[0]));
			}
		}
		return live;
	}

}
