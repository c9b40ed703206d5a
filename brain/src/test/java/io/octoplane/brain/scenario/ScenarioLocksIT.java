package io.octoplane.brain.scenario;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.octoplane.brain.redis.RedisTemplateExtension;
import io.octoplane.server.web.ConflictException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class ScenarioLocksIT {

	@RegisterExtension
	static final RedisTemplateExtension redisServer = new RedisTemplateExtension();

	private static StringRedisTemplate redis;

	@BeforeAll
	static void connect() {
		redis = redisServer.template();
	}

	@Test
	void theSameScenarioIsRefusedOnAnotherBrainWhileDifferentOnesRunInParallel() throws Exception {
		try (ScenarioLocks brainA = locks("brain-a", Duration.ofSeconds(30));
				ScenarioLocks brainB = locks("brain-b", Duration.ofSeconds(30))) {
			ExecutorService threads = Executors.newSingleThreadExecutor();
			CountDownLatch holding = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			Future<String> first = threads.submit(() -> brainA.holding("/", "shop", "apply by alice", () -> {
				holding.countDown();
				await().atMost(Duration.ofSeconds(30)).until(() -> release.getCount() == 0);
				return "applied";
			}));
			assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
			assertThatExceptionOfType(ConflictException.class)
				.isThrownBy(() -> brainB.holding("/", "shop", "apply by bob", () -> "twice"))
				.withMessageContaining("brain-a apply by alice");
			assertThat(brainB.holding("/", "blog", "apply by bob", () -> "parallel")).isEqualTo("parallel");
			assertThat(brainB.holding("/team", "shop", "apply by bob", () -> "other workgroup"))
				.isEqualTo("other workgroup");
			release.countDown();
			assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("applied");
			assertThat(brainB.holding("/", "shop", "apply by bob", () -> "after")).isEqualTo("after");
			threads.shutdown();
		}
	}

	@Test
	void aLeaseOutlivesItsFirstTermWhileTheWorkRuns() {
		try (ScenarioLocks brainA = locks("brain-a", Duration.ofMillis(600));
				ScenarioLocks brainB = locks("brain-b", Duration.ofMillis(600))) {
			String key = ScenarioLocks.key("/", "renewed");
			brainA.holding("/", "renewed", "apply", () -> {
				// Past three terms of the lease: renewals kept it.
				long end = System.nanoTime() + Duration.ofMillis(1800).toNanos();
				await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() > end);
				assertThatExceptionOfType(ConflictException.class)
					.isThrownBy(() -> brainB.holding("/", "renewed", "apply", () -> "twice"));
				return null;
			});
			assertThat(redis.hasKey(key)).isFalse();
		}
	}

	@Test
	void aDeadHoldersLockLapsesAfterItsLease() {
		String key = ScenarioLocks.key("/", "orphan");
		redis.opsForValue().set(key, "0 brain-dead apply since then", Duration.ofMillis(500));
		try (ScenarioLocks brainB = locks("brain-b", Duration.ofSeconds(30))) {
			await().atMost(Duration.ofSeconds(10))
				.ignoreException(ConflictException.class)
				.until(() -> brainB.holding("/", "orphan", "apply", () -> true));
		}
	}

	private static ScenarioLocks locks(String brain, Duration lease) {
		return new ScenarioLocks(redis, brain, Clock.systemUTC(), lease);
	}

}
