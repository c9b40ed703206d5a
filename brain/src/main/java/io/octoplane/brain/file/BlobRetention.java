package io.octoplane.brain.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.octoplane.server.blob.BlobStore;
import io.octoplane.server.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes blobs nobody needs any more. A blob is in use until {@code
 * octoplane.file.blob-retention} after its last use on any brain (stored, read, fetched
 * from a peer) and at least until every transfer that names it has expired; the fleet's
 * uses are one Redis sorted set ({@code octoplane:blobs:kept-until}, digest to epoch
 * milliseconds), so a blob read through one brain is kept on all. Each brain sweeps its
 * own store. The limit and what it removed are metrics.
 */
@Component
class BlobRetention {

	private static final Logger logger = LoggerFactory.getLogger(BlobRetention.class);

	static final String KEY = RedisKeys.PREFIX + "blobs:kept-until";

	/** Moves a blob's time forward only. */
	private static final RedisScript<Long> KEEP = RedisScript.of("""
			local current = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
			if not current or current < tonumber(ARGV[2]) then redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1]) end
			return 1
			""", Long.class);

	private final BlobStore blobs;

	private final StringRedisTemplate redis;

	private final Clock clock;

	private final Duration retention;

	private final Counter removed;

	private final AtomicLong storedBytes = new AtomicLong();

	BlobRetention(BlobStore blobs, StringRedisTemplate redis, Clock clock, FileProperties properties,
			MeterRegistry registry) {
		this.blobs = blobs;
		this.redis = redis;
		this.clock = clock;
		this.retention = properties.blobRetention();
		Gauge.builder("octoplane.blobs.retention", this.retention, Duration::toSeconds)
			.description("How long an unused blob is kept (octoplane.file.blob-retention)")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("octoplane.blobs.stored", this.storedBytes, AtomicLong::get)
			.description("Bytes in this brain's blob store at the last sweep")
			.baseUnit("bytes")
			.register(registry);
		this.removed = Counter.builder("octoplane.blobs.removed")
			.description("Blobs removed from this brain's store after their retention")
			.register(registry);
	}

	/**
	 * Notes a use of a blob.
	 * @param sha256 the blob
	 * @param pending how long a transfer that names it may still run (zero if none)
	 */
	void used(String sha256, Duration pending) {
		long until = this.clock.millis() + Math.max(this.retention.toMillis(), pending.toMillis());
		this.redis.execute(KEEP, List.of(KEY), sha256, Long.toString(until));
	}

	/** Removes this brain's blobs past their time; forgets uses long past. */
	@Scheduled(fixedDelayString = "${octoplane.file.blob-sweep-interval:PT10M}",
			initialDelayString = "${octoplane.file.blob-sweep-interval:PT10M}")
	void sweep() {
		long now = this.clock.millis();
		long bytes = 0;
		try {
			for (String sha256 : this.blobs.list()) {
				Optional<Path> file = this.blobs.find(sha256);
				if (file.isEmpty()) {
					continue;
				}
				Double keptUntil = this.redis.opsForZSet().score(KEY, sha256);
				// A blob no brain noted (stored before retention existed, or fetched
				// from a peer) counts from when this copy was written.
				long until = Math.max((keptUntil != null) ? keptUntil.longValue() : 0,
						Files.getLastModifiedTime(file.get()).toMillis() + this.retention.toMillis());
				if (until < now && this.blobs.remove(sha256)) {
					this.removed.increment();
					logger.info("Removed blob {}: unused since {} s", sha256,
							(now - until) / 1000 + this.retention.toSeconds());
				}
				else {
					bytes += Files.size(file.get());
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot sweep the blob store: {}", ex.getMessage());
		}
		try {
			// A brain killed mid-upload leaves the partial file behind.
			this.blobs.dropIncomingBefore(this.clock.instant().minus(this.retention));
		}
		catch (IOException ex) {
			logger.warn("Cannot clear old partial uploads: {}", ex.getMessage());
		}
		this.storedBytes.set(bytes);
		this.redis.opsForZSet().removeRangeByScore(KEY, 0, now - this.retention.toMillis());
	}

}
