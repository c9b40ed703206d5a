package io.octoplane.brain.scenario;

import java.util.List;
import java.util.Map;

import org.eclipse.jgit.internal.storage.dfs.DfsRefDatabase;
import org.eclipse.jgit.internal.storage.dfs.DfsRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdRef;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.ReflogEntry;
import org.eclipse.jgit.lib.ReflogReader;
import org.eclipse.jgit.lib.SymbolicRef;
import org.eclipse.jgit.util.RefList;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A repository's refs as one Redis hash ({@code <prefix>refs}): a name maps to an object
 * id, or to {@code ref: <target>} for a symbolic ref. Every change is a compare-and-set
 * in one script, so two brains moving the same branch cannot both win.
 */
final class RedisRefDatabase extends DfsRefDatabase {

	private static final String SYMBOLIC = "ref: ";

	/**
	 * Sets (or with an empty ARGV[3], removes) a ref if it still has the expected value.
	 */
	private static final RedisScript<Long> COMPARE_AND_SET = RedisScript.of("""
			local current = redis.call('HGET', KEYS[1], ARGV[1]) or ''
			if current ~= ARGV[2] then return 0 end
			if ARGV[3] == '' then redis.call('HDEL', KEYS[1], ARGV[1])
			else redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String key;

	RedisRefDatabase(DfsRepository repository, StringRedisTemplate redis, String prefix) {
		super(repository);
		this.redis = redis;
		this.key = prefix + "refs";
	}

	@Override
	protected RefCache scanAllRefs() {
		Map<Object, Object> stored = this.redis.opsForHash().entries(this.key);
		RefList.Builder<Ref> ids = new RefList.Builder<>();
		RefList.Builder<Ref> symbolic = new RefList.Builder<>();
		stored.forEach((name, value) -> {
			String text = (String) value;
			if (!text.startsWith(SYMBOLIC)) {
				ids.add(new ObjectIdRef.PeeledNonTag(Ref.Storage.PACKED, (String) name, ObjectId.fromString(text)));
			}
		});
		ids.sort();
		RefList<Ref> plain = ids.toRefList();
		stored.forEach((name, value) -> {
			String text = (String) value;
			if (text.startsWith(SYMBOLIC)) {
				String target = text.substring(SYMBOLIC.length());
				Ref leaf = plain.get(target);
				Ref ref = new SymbolicRef((String) name,
						(leaf != null) ? leaf : new ObjectIdRef.Unpeeled(Ref.Storage.NEW, target, null));
				symbolic.add(ref);
				ids.add(ref);
			}
		});
		ids.sort();
		symbolic.sort();
		return new RefCache(ids.toRefList(), symbolic.toRefList());
	}

	@Override
	protected boolean compareAndPut(@Nullable Ref oldRef, Ref newRef) {
		return set(newRef.getName(), expected(oldRef), encode(newRef));
	}

	@Override
	protected boolean compareAndRemove(Ref oldRef) {
		return set(oldRef.getName(), expected(oldRef), "");
	}

	@Override
	public ReflogReader getReflogReader(Ref ref) {
		// No reflog: the history of a scenario is its branch.
		return new ReflogReader() {

			@Override
			public @Nullable ReflogEntry getLastEntry() {
				return null;
			}

			@Override
			public List<ReflogEntry> getReverseEntries() {
				return List.of();
			}

			@Override
			public @Nullable ReflogEntry getReverseEntry(int number) {
				return null;
			}

			@Override
			public List<ReflogEntry> getReverseEntries(int max) {
				return List.of();
			}

		};
	}

	private boolean set(String name, String expected, String value) {
		Long done = this.redis.execute(COMPARE_AND_SET, List.of(this.key), name, expected, value);
		return done != null && done == 1;
	}

	private static String expected(@Nullable Ref oldRef) {
		if (oldRef == null || oldRef.getStorage() == Ref.Storage.NEW) {
			return "";
		}
		return encode(oldRef);
	}

	private static String encode(Ref ref) {
		if (ref.isSymbolic()) {
			return SYMBOLIC + ref.getTarget().getName();
		}
		ObjectId id = ref.getObjectId();
		return (id != null) ? id.name() : "";
	}

}
