package io.octoplane.brain.scenario;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.octoplane.brain.redis.RedisTemplateExtension;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.ScenarioVersionsResponse;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScenarioVersionsIT {

	@RegisterExtension
	static final RedisTemplateExtension redisServer = new RedisTemplateExtension();

	private static StringRedisTemplate redis;

	@BeforeAll
	static void connect() {
		redis = redisServer.template();
	}

	@BeforeEach
	void empty() {
		redisServer.flush();
	}

	@Test
	void versionIsFoundByItsIdOrAPrefix() {
		ScenarioVersions versions = versions();
		String id = record(versions);
		assertThat(versions.resolve("", "demo", id)).isEqualTo(id);
		assertThat(versions.resolve("", "demo", id.substring(0, 7).toUpperCase())).isEqualTo(id);
	}

	@Test
	void completeIdOfNoVersionIsNotFound() {
		ScenarioVersions versions = versions();
		record(versions);
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> versions.resolve("", "demo", "0123456789abcdef0123456789abcdef01234567"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.VERSION_NOT_FOUND));
	}

	@Test
	void idLongerThanAnyVersionIsInvalid() {
		ScenarioVersions versions = versions();
		record(versions);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> versions.resolve("", "demo", "0".repeat(41)));
	}

	@Test
	void aliasFileIsRecordedWithTheVersion() {
		ScenarioVersions versions = versions();
		String id = versions.record("", "demo", "name: demo\n".getBytes(), "g: [n1]\n".getBytes(), Map.of("a@n1", "c1"),
				"first", "alice");
		ScenarioVersions.Content content = versions.content("", "demo", id);
		assertThat(content.aliases()).asString().isEqualTo("g: [n1]\n");
		assertThat(content.nodeapps()).containsEntry("a@n1", "c1");
		assertThat(versions.content("", "demo", record(versions)).aliases()).isNull();
	}

	@Test
	void deleteRemovesTheRepositoryOnce() {
		ScenarioVersions versions = versions();
		record(versions);
		assertThat(versions.delete("", "demo")).isTrue();
		assertThat(versions.exists("", "demo")).isFalse();
		assertThat(versions.names("")).isEmpty();
		assertThat(versions.delete("", "demo")).isFalse();
	}

	@Test
	void aVersionRecordedOnOneBrainIsReadOnAnother() {
		ScenarioVersions brainA = versions();
		ScenarioVersions brainB = versions();
		String first = record(brainA);
		assertThat(brainB.names("")).containsExactly("demo");
		assertThat(brainB.head("", "demo")).get().extracting(ScenarioVersions.Content::id).isEqualTo(first);
		String second = brainB.record("", "demo", "name: demo\n".getBytes(), null, Map.of("a@n1", "c2"), "second",
				"bob");
		assertThat(brainA.head("", "demo")).get().extracting(ScenarioVersions.Content::id).isEqualTo(second);
		assertThat(brainA.list("", "demo", 0, 10).versions()).extracting(ScenarioVersionsResponse.Version::id)
			.containsExactly(second, first);
		assertThat(brainA.reset("", "demo", first, "undo", "alice")).isNotIn(first, second);
		assertThat(brainB.list("", "demo", 0, 10).total()).isEqualTo(3);
	}

	@Test
	void versionsRecordedAtOnceOnTwoBrainsAreAllKept() throws Exception {
		ScenarioVersions brainA = versions();
		ScenarioVersions brainB = versions();
		record(brainA);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		List<Future<Object>> writes = new ArrayList<>();
		for (ScenarioVersions brain : List.of(brainA, brainB)) {
			writes.add(threads.submit(() -> {
				List<Object> outcomes = new ArrayList<>();
				for (int i = 0; i < 10; i++) {
					try {
						outcomes
							.add(brain.record("", "demo", ("n: " + i + "\n").getBytes(), null, Map.of(), "w" + i, "x"));
					}
					catch (UncheckedIOException ex) {
						outcomes.add(ex);
					}
				}
				return outcomes;
			}));
		}
		long recorded = 0;
		for (Future<Object> write : writes) {
			recorded += ((List<?>) write.get(60, TimeUnit.SECONDS)).stream().filter(String.class::isInstance).count();
		}
		threads.shutdown();
		// A write that lost the race says so; every write that answered with an id is in
		// the history.
		assertThat(brainA.list("", "demo", 0, 100).total()).isEqualTo(1 + recorded);
	}

	@Test
	void manyVersionsAreFoldedIntoFewPacksAndAllKept() {
		ScenarioVersions versions = versions();
		for (int i = 0; i < 3 * ScenarioVersions.MAX_PACKS; i++) {
			versions.record("", "demo", ("n: " + i + "\n").getBytes(), null, Map.of(), "v" + i, "x");
		}
		String prefix = "octoplane:scenario:{wg-:demo}:";
		assertThat(redis.opsForHash().size(prefix + "packs")).isLessThanOrEqualTo(ScenarioVersions.MAX_PACKS);
		assertThat(redis.opsForHash().size(prefix + "garbage")).isPositive();
		assertThat(versions.list("", "demo", 0, 100).total()).isEqualTo(3 * ScenarioVersions.MAX_PACKS);
		assertThat(versions.delete("", "demo")).isTrue();
		assertThat(redis.keys("octoplane:scenario:*")).isEmpty();
	}

	private static ScenarioVersions versions() {
		return new ScenarioVersions(redis, JsonMapper.builder().build());
	}

	private static String record(ScenarioVersions versions) {
		return versions.record("", "demo", "nodeapps: {}\n".getBytes(), null, Map.of(), "first", "alice");
	}

}
