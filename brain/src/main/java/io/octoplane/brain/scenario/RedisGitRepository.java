package io.octoplane.brain.scenario;

import java.io.IOException;

import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase;
import org.eclipse.jgit.internal.storage.dfs.DfsReaderOptions;
import org.eclipse.jgit.internal.storage.dfs.DfsRepository;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryBuilder;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.util.FS;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A bare git repository kept whole in Redis, through JGit's DFS storage: immutable pack
 * files ({@link RedisObjDatabase}) and a hash of refs updated by compare-and-set
 * ({@link RedisRefDatabase}). Every key of one repository shares one hash tag, so each
 * repository lives in one Redis Cluster slot, and any brain sharing Redis reads and
 * writes the same versions. Opened per operation: JGit's block cache keeps the packs
 * already read (their names never come back with other bytes), the refs are read fresh.
 */
final class RedisGitRepository extends DfsRepository {

	private final RedisObjDatabase objects;

	private final RedisRefDatabase refs;

	private RedisGitRepository(Builder builder, StringRedisTemplate redis, String prefix) {
		super(builder);
		this.objects = new RedisObjDatabase(this, new DfsReaderOptions(), redis, prefix);
		this.refs = new RedisRefDatabase(this, redis, prefix);
	}

	/**
	 * Opens a repository.
	 * @param redis where it is
	 * @param id its identity, unique among repositories: it names its keys and JGit's
	 * cache entries
	 * @param prefix its keys' prefix, holding one hash tag
	 */
	static RedisGitRepository open(StringRedisTemplate redis, String id, String prefix) throws IOException {
		// The file system only matters to a fetch from a folder (importing a repository).
		Builder builder = new Builder().setRepositoryDescription(new DfsRepositoryDescription(id)).setFS(FS.DETECTED);
		return new RedisGitRepository(builder, redis, prefix);
	}

	@Override
	public DfsObjDatabase getObjectDatabase() {
		return this.objects;
	}

	@Override
	public RefDatabase getRefDatabase() {
		return this.refs;
	}

	private static final class Builder extends DfsRepositoryBuilder<Builder, RedisGitRepository> {

		@Override
		public RedisGitRepository build() {
			throw new UnsupportedOperationException("opened with RedisGitRepository.open");
		}

	}

}
