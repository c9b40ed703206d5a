package io.octoplane.brain.file;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.octoplane.brain.redis.RedisTemplateExtension;
import io.octoplane.server.blob.BlobStore;
import io.octoplane.testsupport.clock.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class BlobRetentionIT {

	@RegisterExtension
	static final RedisTemplateExtension redisServer = new RedisTemplateExtension();

	private static StringRedisTemplate redis;

	@TempDir
	Path dir;

	private final MutableClock clock = new MutableClock();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private BlobStore store;

	private BlobRetention retention;

	@BeforeAll
	static void connect() {
		redis = redisServer.template();
	}

	@BeforeEach
	void brain() throws Exception {
		redis.delete(BlobRetention.KEY);
		this.store = new BlobStore(this.dir, "max");
		FileProperties properties = new FileProperties(DataSize.ofMegabytes(1), this.dir, Duration.ofHours(1), null,
				Duration.ofDays(7));
		this.retention = new BlobRetention(this.store, redis, this.clock, properties, this.registry);
	}

	@Test
	void aBlobIsKeptForTheRetentionAfterItsLastUseThenRemoved() throws Exception {
		String sha = store("used");
		this.retention.used(sha, Duration.ZERO);
		this.clock.advance(Duration.ofDays(6));
		this.retention.used(sha, Duration.ZERO);
		this.clock.advance(Duration.ofDays(6));
		this.retention.sweep();
		assertThat(this.store.find(sha)).isPresent();
		assertThat(this.registry.get("octoplane.blobs.stored").gauge().value()).isEqualTo(4);
		this.clock.advance(Duration.ofDays(2));
		this.retention.sweep();
		assertThat(this.store.find(sha)).isEmpty();
		assertThat(this.registry.get("octoplane.blobs.removed").counter().count()).isEqualTo(1);
		assertThat(this.registry.get("octoplane.blobs.retention").gauge().value())
			.isEqualTo(Duration.ofDays(7).toSeconds());
	}

	@Test
	void aBlobNamedByAPendingTransferOutlivesTheRetention() throws Exception {
		String sha = store("waiting for an offline node");
		this.retention.used(sha, Duration.ofDays(30));
		this.clock.advance(Duration.ofDays(29));
		this.retention.sweep();
		assertThat(this.store.find(sha)).isPresent();
		this.clock.advance(Duration.ofDays(2));
		this.retention.sweep();
		assertThat(this.store.find(sha)).isEmpty();
	}

	@Test
	void aBlobNobodyNotedCountsFromWhenItWasWritten() throws Exception {
		String sha = store("fetched from a peer");
		Path file = this.store.find(sha).orElseThrow();
		Files.setLastModifiedTime(file, FileTime.from(this.clock.instant()));
		this.clock.advance(Duration.ofDays(6));
		this.retention.sweep();
		assertThat(this.store.find(sha)).isPresent();
		this.clock.advance(Duration.ofDays(2));
		this.retention.sweep();
		assertThat(this.store.find(sha)).isEmpty();
	}

	@Test
	void aPartialUploadOfADeadBrainIsClearedAfterTheRetention() throws Exception {
		Path partial = Files.writeString(this.dir.resolve("incoming").resolve("blob-1.part"), "half");
		Files.setLastModifiedTime(partial, FileTime.from(this.clock.instant()));
		this.clock.advance(Duration.ofDays(6));
		this.retention.sweep();
		assertThat(partial).exists();
		this.clock.advance(Duration.ofDays(2));
		this.retention.sweep();
		assertThat(partial).doesNotExist();
	}

	private String store(String text) throws Exception {
		return this.store.store(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1024).sha256();
	}

}
