package io.octoplane.brain.workgroup;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

/**
 * Workgroups in Redis: a hash per workgroup ({@code octoplane:wg:{path}}: passwordHash,
 * createdAt), its node set ({@code ...:nodes}) and its children ({@code ...:children}).
 */
@Repository
class WorkgroupRepository {

	private final StringRedisTemplate redis;

	WorkgroupRepository(StringRedisTemplate redis) {
		this.redis = redis;
	}

	private static String key(String path) {
		return "octoplane:wg:{" + path + "}";
	}

	boolean exists(String path) {
		return Boolean.TRUE.equals(this.redis.hasKey(key(path)));
	}

	/** Creates a workgroup and any missing parents. */
	void create(String path, Instant now) {
		String current = path;
		while (!"/".equals(current)) {
			this.redis.opsForHash().putIfAbsent(key(current), "createdAt", now.toString());
			String parent = WorkgroupPaths.parent(current);
			this.redis.opsForSet().add(key(parent) + ":children", current);
			current = parent;
		}
		this.redis.opsForHash().putIfAbsent(key("/"), "createdAt", now.toString());
	}

	Set<String> nodes(String path) {
		Set<String> nodes = this.redis.opsForSet().members(key(path) + ":nodes");
		return (nodes != null) ? new TreeSet<>(nodes) : new TreeSet<>();
	}

	Set<String> children(String path) {
		Set<String> children = this.redis.opsForSet().members(key(path) + ":children");
		return (children != null) ? new TreeSet<>(children) : new TreeSet<>();
	}

	void addNodes(String path, Collection<String> nodes) {
		this.redis.opsForSet().add(key(path) + ":nodes", nodes.toArray(String[]::new));
	}

	void removeNodes(String path, Collection<String> nodes) {
		this.redis.opsForSet().remove(key(path) + ":nodes", nodes.toArray());
	}

	/** Deletes a workgroup with everything below it. */
	void delete(String path) {
		for (String child : children(path)) {
			delete(child);
		}
		this.redis.delete(List.of(key(path), key(path) + ":nodes", key(path) + ":children"));
		this.redis.opsForSet().remove(key(WorkgroupPaths.parent(path)) + ":children", path);
	}

	@Nullable String passwordHash(String path) {
		Object hash = this.redis.opsForHash().get(key(path), "passwordHash");
		return (hash != null) ? hash.toString() : null;
	}

	void setPasswordHash(String path, String hash, Instant now) {
		create(path, now);
		this.redis.opsForHash().put(key(path), "passwordHash", hash);
	}

}
