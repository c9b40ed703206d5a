package io.octoplane.brain.peer;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
	 * @return their addresses by brain name
	 */
	public Map<String, URI> others(String self) {
		long now = this.clock.millis();
		Map<String, URI> live = new TreeMap<>();
		for (Map.Entry<Object, Object> entry : this.redis.opsForHash().entries(KEY).entrySet()) {
			String[] parts = ((String) entry.getValue()).split(" ");
			if (Long.parseLong(parts[1]) < now) {
				this.redis.opsForHash().delete(KEY, entry.getKey());
			}
			else if (!self.equals(entry.getKey())) {
				live.put((String) entry.getKey(), URI.create(parts[0]));
			}
		}
		return live;
	}

	/**
	 * Where a brain listens for peers, if it is live.
	 * @param brain the brain's name
	 * @return its address, or empty if it is not announced or its entry lapsed
	 */
	public Optional<URI> address(String brain) {
		Object value = this.redis.opsForHash().get(KEY, brain);
		if (value == null) {
			return Optional.empty();
		}
		String[] parts = ((String) value).split(" ");
		return (Long.parseLong(parts[1]) < this.clock.millis()) ? Optional.empty() : Optional.of(URI.create(parts[0]));
	}

}
