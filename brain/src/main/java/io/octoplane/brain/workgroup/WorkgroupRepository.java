package io.octoplane.brain.workgroup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.octoplane.brain.redis.SetMembers;
import io.octoplane.protocol.workgroup.WorkgroupPaths;
import io.octoplane.server.redis.RedisKeys;
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
		return RedisKeys.PREFIX + "wg:{" + path + "}";
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

	Set<String> nodesAmong(String path, Collection<String> names) {
		return SetMembers.among(this.redis, key(path) + ":nodes", names);
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

	/** A workgroup and every workgroup below it, parents before children. */
	List<String> subtree(String path) {
		List<String> paths = new ArrayList<>();
		collect(path, paths);
		return paths;
	}

	private void collect(String path, List<String> paths) {
		paths.add(path);
		for (String child : children(path)) {
			collect(child, paths);
		}
	}

	/**
	 * Deletes a workgroup with everything below it.
	 * @return the deleted workgroups
	 */
	List<String> delete(String path) {
		List<String> paths = subtree(path);
		// Unlinked from the parent first: a crash half-way leaves unreachable leftovers,
		// never a listed child whose keys are gone.
		this.redis.opsForSet().remove(key(WorkgroupPaths.parent(path)) + ":children", path);
		for (String deleted : paths.reversed()) {
			this.redis.delete(List.of(key(deleted), key(deleted) + ":nodes", key(deleted) + ":children"));
		}
		return paths;
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
