package io.octoplane.brain.security;

import java.time.Duration;

import io.octoplane.brain.redis.RedisTemplateExtension;
import io.octoplane.testsupport.clock.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterIT {

	@RegisterExtension
	static final RedisTemplateExtension redisServer = new RedisTemplateExtension();

	private static StringRedisTemplate redis;

	private final MutableClock clock = new MutableClock();

	@BeforeAll
	static void connect() {
		redis = redisServer.template();
	}

	@BeforeEach
	void empty() {
		redisServer.flush();
	}

	@Test
	void burstIsAllowedThenTheRateApplies() {
		RateLimiter limiter = limiter(1, 3);
		assertThat(limiter.acquire("a")).isZero();
		assertThat(limiter.acquire("a")).isZero();
		assertThat(limiter.acquire("a")).isZero();
		assertThat(limiter.acquire("a")).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(limiter.acquire("a")).isZero();
	}

	@Test
	void keysAreIndependent() {
		RateLimiter limiter = limiter(1, 1);
		assertThat(limiter.acquire("a")).isZero();
		assertThat(limiter.acquire("a")).isPositive();
		assertThat(limiter.acquire("b")).isZero();
	}

	@Test
	void peekDoesNotTake() {
		RateLimiter limiter = limiter(1, 1);
		assertThat(limiter.peek("a")).isZero();
		assertThat(limiter.peek("a")).isZero();
		assertThat(limiter.acquire("a")).isZero();
		assertThat(limiter.peek("a")).isPositive();
	}

	@Test
	void brainsSharingRedisDrawFromOneBucket() {
		RateLimiter[] brains = { limiter(10 / 60.0, 10), limiter(10 / 60.0, 10), limiter(10 / 60.0, 10) };
		for (int i = 0; i < 10; i++) {
			assertThat(brains[i % 3].acquire("127.0.0.1")).as("failure %d", i).isZero();
		}
		for (RateLimiter brain : brains) {
			assertThat(brain.peek("127.0.0.1")).isEqualTo(6);
		}
	}

	@Test
	void aClockBehindTheOthersMintsNoTokens() {
		RateLimiter behind = limiter(1, 1);
		assertThat(behind.acquire("a")).isZero();
		MutableClock later = new MutableClock();
		later.advance(Duration.ofSeconds(30));
		assertThat(new RateLimiter("test", 1, 1, later, redis).acquire("a")).isZero();
		assertThat(behind.acquire("a")).as("a clock 30 s behind").isPositive();
	}

	@Test
	void aBucketLeavesRedisOnceItWouldBeFull() {
		limiter(1, 5).acquire("a");
		Long ttl = redis.getExpire("octoplane:rate:test:a");
		assertThat(ttl).isBetween(1L, 2L);
	}

	private RateLimiter limiter(double perSecond, double capacity) {
		return new RateLimiter("test", perSecond, capacity, this.clock, redis);
	}

}
