package io.octoplane.brain.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.octoplane.brain.redis.RedisTemplateExtension;
import io.octoplane.protocol.api.AuditEntry;
import io.octoplane.protocol.api.AuditResponse;
import io.octoplane.server.web.InvalidRequestException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class AuditLogTests {

	@RegisterExtension
	static final RedisTemplateExtension redisServer = new RedisTemplateExtension();

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private static StringRedisTemplate redis;

	private final AuditLog log = new AuditLog(redis, JsonMapper.builder().build(), new AuditProperties(100_000));

	@BeforeAll
	static void connect() {
		redis = redisServer.template();
	}

	@BeforeEach
	void emptyRedis() {
		redisServer.flush();
	}

	@Test
	void entriesComeBackNewestFirst() {
		this.log.record(entry("/", "PUT /api/v1/workgroup/nodes", 0));
		this.log.record(entry("/", "POST /api/v1/commands", 1));
		List<AuditEntry> entries = this.log.page("/", 50, null).entries();
		assertThat(entries).extracting(AuditEntry::action)
			.containsExactly("POST /api/v1/commands", "PUT /api/v1/workgroup/nodes");
		assertThat(entries.get(0)).isEqualTo(entry("/", "POST /api/v1/commands", 1));
	}

	@Test
	void aWorkgroupSeesItsOwnEntriesAndThoseBelowOnly() {
		this.log.record(entry("/", "root", 0));
		this.log.record(entry("/lab", "lab", 1));
		this.log.record(entry("/lab/pis", "pis", 2));
		this.log.record(entry("/labs", "labs", 3));
		assertThat(this.log.page("/lab", 50, null).entries()).extracting(AuditEntry::action)
			.containsExactly("pis", "lab");
		assertThat(this.log.page("/", 50, null).entries()).hasSize(4);
	}

	@Test
	void limitIsHonouredAcrossPagesOfOtherWorkgroups() {
		this.log.record(entry("/lab", "old lab entry", 0));
		for (int i = 0; i < 1200; i++) {
			this.log.record(entry("/ops", "ops " + i, 1));
		}
		this.log.record(entry("/lab", "new lab entry", 2));
		assertThat(this.log.page("/lab", 50, null).entries()).extracting(AuditEntry::action)
			.containsExactly("new lab entry", "old lab entry");
		assertThat(this.log.page("/", 3, null).entries()).extracting(AuditEntry::action)
			.containsExactly("new lab entry", "ops 1199", "ops 1198");
		assertThat(this.log.page("/ops", 1000, null).entries()).hasSize(1000);
	}

	@Test
	void streamIsTrimmedToAboutTheConfiguredSize() {
		AuditLog small = new AuditLog(redis, JsonMapper.builder().build(), new AuditProperties(100));
		for (int i = 0; i < 1000; i++) {
			small.record(entry("/", "call " + i, 0));
		}
		// Approximate trimming keeps whole radix-tree nodes, so a little more may remain.
		assertThat(redis.opsForStream().size(AuditLog.STREAM)).isBetween(100L, 300L);
		assertThat(small.page("/", 1, null).entries()).extracting(AuditEntry::action).containsExactly("call 999");
	}

	@Test
	void unreadableEntriesAreSkipped() {
		this.log.record(entry("/", "good", 0));
		redis.opsForStream().add(StreamRecords.string(Map.of("entry", "{not json")).withStreamKey(AuditLog.STREAM));
		redis.opsForStream().add(StreamRecords.string(Map.of("other", "x")).withStreamKey(AuditLog.STREAM));
		assertThat(this.log.page("/", 50, null).entries()).extracting(AuditEntry::action).containsExactly("good");
	}

	@Test
	void recordingNeverThrowsWhenRedisIsAway() {
		LettuceConnectionFactory nowhere = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 1));
		nowhere.afterPropertiesSet();
		nowhere.start();
		try {
			AuditLog away = new AuditLog(new StringRedisTemplate(nowhere), JsonMapper.builder().build(),
					new AuditProperties(100));
			assertThatNoException().isThrownBy(() -> away.record(entry("/", "lost", 0)));
		}
		finally {
			nowhere.destroy();
		}
	}

	@Test
	void pagesCoverEveryEntryOnceWhileNewerOnesArrive() {
		for (int i = 0; i < 25; i++) {
			this.log.record(entry((i % 2 == 0) ? "/lab" : "/ops", "old " + i, i));
		}
		List<String> seen = new ArrayList<>();
		AuditResponse page = this.log.page("/lab", 3, null);
		seen.addAll(actions(page));
		for (int calls = 0; page.nextCursor() != null && calls < 100; calls++) {
			// A call between two pages adds an entry above the cursor.
			this.log.record(entry("/lab", "new " + calls, 100 + calls));
			page = this.log.page("/lab", 3, page.nextCursor());
			seen.addAll(actions(page));
		}
		List<String> expected = new ArrayList<>();
		for (int i = 24; i >= 0; i -= 2) {
			expected.add("old " + i);
		}
		assertThat(seen).containsExactlyElementsOf(expected);
		assertThat(page.nextCursor()).isNull();
	}

	@Test
	void aForeignCursorIsAnInvalidRequest() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> this.log.page("/", 3, "bm9wZQ"));
	}

	@Test
	void beforeStepsBackOneStreamId() {
		assertThat(AuditLog.before(RecordId.of("1000-5"))).isEqualTo("1000-4");
		assertThat(AuditLog.before(RecordId.of("1000-0"))).isEqualTo("999-18446744073709551615");
	}

	private static List<String> actions(AuditResponse page) {
		return page.entries().stream().map(AuditEntry::action).toList();
	}

	private static AuditEntry entry(String workgroup, String action, int seconds) {
		return new AuditEntry(NOW.plusSeconds(seconds), "alice", workgroup, "127.0.0.1", action, List.of("n1"), 200,
				null);
	}

}
