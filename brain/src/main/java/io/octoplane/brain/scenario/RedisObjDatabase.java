package io.octoplane.brain.scenario;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase;
import org.eclipse.jgit.internal.storage.dfs.DfsOutputStream;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.DfsReaderOptions;
import org.eclipse.jgit.internal.storage.dfs.DfsRepository;
import org.eclipse.jgit.internal.storage.dfs.ReadableChannel;
import org.eclipse.jgit.internal.storage.pack.PackExt;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A repository's objects as pack files in Redis: {@code <prefix>packs}, a hash from each
 * pack's name to its source and file sizes, is the list of packs; each file of a pack
 * ({@code .pack}, {@code .idx}, ...) is a string {@code <prefix>file:<name>.<ext>}. Files
 * are written before the pack is listed, so a reader never sees a listed pack it cannot
 * read, and never change afterwards.
 */
final class RedisObjDatabase extends DfsObjDatabase {

	/**
	 * Lists new packs and unlists those they replace, at once; the replaced ones are
	 * noted with the time, as garbage to drop once no reader can still be opening them.
	 */
	private static final RedisScript<Long> COMMIT = RedisScript.of("""
			local added = tonumber(ARGV[1])
			local now = redis.call('TIME')[1]
			for i = 2, 1 + 2 * added, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
			for i = 2 + 2 * added, #ARGV do
			  redis.call('HDEL', KEYS[1], ARGV[i])
			  redis.call('HSET', KEYS[2], ARGV[i], now)
			end
			return added
			""", Long.class);

	/** Takes the garbage packs older than ARGV[1] seconds off the list and names them. */
	private static final RedisScript<List> OLD_GARBAGE = RedisScript.of("""
			local now = tonumber(redis.call('TIME')[1])
			local old = {}
			local garbage = redis.call('HGETALL', KEYS[1])
			for i = 1, #garbage, 2 do
			  if tonumber(garbage[i + 1]) + tonumber(ARGV[1]) < now then
			    old[#old + 1] = garbage[i]
			    redis.call('HDEL', KEYS[1], garbage[i])
			  end
			end
			return old
			""", List.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	RedisObjDatabase(DfsRepository repository, DfsReaderOptions options, StringRedisTemplate redis, String prefix) {
		super(repository, options);
		this.redis = redis;
		this.prefix = prefix;
	}

	@Override
	protected DfsPackDescription newPack(PackSource source) {
		return new DfsPackDescription(getRepository().getDescription(), "pack-" + UUID.randomUUID(), source);
	}

	@Override
	protected void commitPackImpl(Collection<DfsPackDescription> desc, Collection<DfsPackDescription> replace) {
		List<String> args = new ArrayList<>();
		args.add(Integer.toString(desc.size()));
		for (DfsPackDescription pack : desc) {
			args.add(pack.getPackName());
			args.add(describe(pack));
		}
		if (replace != null) {
			replace.forEach((pack) -> args.add(pack.getPackName()));
		}
		this.redis.execute(COMMIT, List.of(this.prefix + "packs", this.prefix + "garbage"), args.toArray());
		clearCache();
	}

	@Override
	protected void rollbackPack(Collection<DfsPackDescription> desc) {
		List<String> names = new ArrayList<>();
		desc.forEach((pack) -> names.add(pack.getPackName()));
		delete(names);
	}

	/**
	 * Deletes the files of packs replaced (by a compaction) longer ago than a reader
	 * could still be opening them.
	 * @param graceSeconds how long a replaced pack stays readable
	 */
	void collectGarbage(long graceSeconds) {
		List<?> old = this.redis.execute(OLD_GARBAGE, List.of(this.prefix + "garbage"), Long.toString(graceSeconds));
		if (old != null && !old.isEmpty()) {
			delete(old.stream().map(String::valueOf).toList());
		}
	}

	private void delete(List<String> packNames) {
		List<byte[]> keys = new ArrayList<>();
		for (String name : packNames) {
			for (PackExt ext : PackExt.values()) {
				keys.add((this.prefix + "file:" + name + "." + ext.getExtension()).getBytes(StandardCharsets.UTF_8));
			}
		}
		if (!keys.isEmpty()) {
			this.redis.execute(
					(RedisCallback<Long>) (connection) -> connection.keyCommands().del(keys.toArray(new byte[0][])));
		}
	}

	@Override
	protected List<DfsPackDescription> listPacks() {
		Map<Object, Object> listed = this.redis.opsForHash().entries(this.prefix + "packs");
		List<DfsPackDescription> packs = new ArrayList<>(listed.size());
		listed.forEach((name, described) -> packs.add(parse((String) name, (String) described)));
		return packs;
	}

	@Override
	protected ReadableChannel openFile(DfsPackDescription desc, PackExt ext) throws IOException {
		byte[] key = fileKey(desc, ext);
		byte[] content = this.redis
			.execute((RedisCallback<byte[]>) (connection) -> connection.stringCommands().get(key));
		if (content == null) {
			throw new FileNotFoundException(desc.getFileName(ext));
		}
		return new ByteReadableChannel(content);
	}

	@Override
	protected DfsOutputStream writeFile(DfsPackDescription desc, PackExt ext) {
		byte[] key = fileKey(desc, ext);
		return new DfsOutputStream() {

			private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

			private boolean stored;

			@Override
			public void write(byte[] bytes, int offset, int length) {
				this.buffer.write(bytes, offset, length);
			}

			@Override
			public int read(long position, ByteBuffer into) {
				byte[] written = this.buffer.toByteArray();
				int count = (int) Math.min(into.remaining(), Math.max(0, written.length - position));
				into.put(written, (int) position, count);
				return count;
			}

			@Override
			public void close() {
				if (this.stored) {
					return;
				}
				this.stored = true;
				byte[] content = this.buffer.toByteArray();
				RedisObjDatabase.this.redis
					.execute((RedisConnection connection) -> connection.stringCommands().set(key, content), true);
			}

		};
	}

	@Override
	public long getApproximateObjectCount() {
		long count = 0;
		for (DfsPackDescription pack : listPacks()) {
			count += pack.getObjectCount();
		}
		return count;
	}

	private byte[] fileKey(DfsPackDescription pack, PackExt ext) {
		return (this.prefix + "file:" + pack.getFileName(ext)).getBytes(StandardCharsets.UTF_8);
	}

	/** {@code <source> objects=<count> <ext>=<size> ...} */
	private static String describe(DfsPackDescription pack) {
		StringJoiner text = new StringJoiner(" ");
		text.add(pack.getPackSource().name());
		text.add("objects=" + pack.getObjectCount());
		for (PackExt ext : PackExt.values()) {
			if (pack.hasFileExt(ext)) {
				text.add(ext.getExtension() + "=" + pack.getFileSize(ext));
			}
		}
		return text.toString();
	}

	private DfsPackDescription parse(String name, String described) {
		String[] parts = described.split(" ");
		DfsPackDescription pack = new DfsPackDescription(getRepository().getDescription(), name,
				PackSource.valueOf(parts[0]));
		for (int i = 1; i < parts.length; i++) {
			int equals = parts[i].indexOf('=');
			String extension = parts[i].substring(0, equals);
			if (extension.equals("objects")) {
				pack.setObjectCount(Long.parseLong(parts[i].substring(equals + 1)));
			}
			for (PackExt ext : PackExt.values()) {
				if (ext.getExtension().equals(extension)) {
					pack.addFileExt(ext);
					pack.setFileSize(ext, Long.parseLong(parts[i].substring(equals + 1)));
				}
			}
		}
		return pack;
	}

}
