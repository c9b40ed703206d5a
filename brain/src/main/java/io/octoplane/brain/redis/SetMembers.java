package io.octoplane.brain.redis;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Which of some names a Redis set holds, in one {@code SMISMEMBER}: a check of a few
 * names costs a few names, where reading the set costs the whole set (every node of a
 * fleet of thousands, for a command to one).
 */
public final class SetMembers {

	private SetMembers() {
	}

	/**
	 * The names the set holds.
	 * @param redis the template
	 * @param key the set
	 * @param names the names to look for
	 * @return those of them in the set, in the order given
	 */
	public static Set<String> among(StringRedisTemplate redis, String key, Collection<String> names) {
		if (names.isEmpty()) {
			return Set.of();
		}
		Map<Object, Boolean> found = redis.opsForSet().isMember(key, names.toArray());
		Set<String> members = new LinkedHashSet<>();
		if (found != null) {
			for (String name : names) {
				if (Boolean.TRUE.equals(found.get(name))) {
					members.add(name);
				}
			}
		}
		return members;
	}

}
