package io.octoplane.brain.security;

import java.time.Clock;
import java.util.List;

import io.octoplane.server.redis.RedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Token buckets by key (a caller, a source address), kept in Redis so every brain sharing
 * it draws from the same bucket: ten failed logins spread over three brains count as ten.
 * One key per bucket ({@code octoplane:rate:<limit>:<key>}, a hash of tokens and the time
 * they were counted), changed by one script, so it runs unchanged on Redis Cluster. A
 * bucket expires once it would be full again, so a flood of distinct keys costs Redis
 * memory only for as long as the flood lasts.
 */
final class RateLimiter {

	/**
	 * Refills a bucket to the time given, takes a token when ARGV[4] is 1 and one is
	 * there, and answers the milliseconds until a token is available (0: one was). The
	 * time never runs backwards, so brains with clocks a little apart cannot mint tokens.
	 */
	private static final RedisScript<Long> BUCKET = RedisScript.of("""
			local rate, capacity, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
			local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
			local tokens, at = tonumber(bucket[1]), tonumber(bucket[2])
			if not tokens then
			  tokens, at = capacity, now
			end
			if now < at then now = at end
			tokens = math.min(capacity, tokens + (now - at) * rate / 1000)
			local wait = 0
			if tokens >= 1 then
			  if ARGV[4] == '1' then tokens = tokens - 1 end
			else
			  wait = math.ceil((1 - tokens) * 1000 / rate)
			end
			if ARGV[4] == '1' or bucket[1] then
			  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
			  redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * 1000 / rate) + 1000)
			end
			return wait
			""", Long.class);

	private final String prefix;

	private final double perSecond;

	private final double capacity;

	private final Clock clock;

	private final StringRedisTemplate redis;

	/**
	 * Creates a limiter.
	 * @param name the limit's name, part of its keys
	 * @param perSecond tokens added per second
	 * @param capacity most tokens a bucket holds
	 * @param clock the time
	 * @param redis where the buckets are
	 */
	RateLimiter(String name, double perSecond, double capacity, Clock clock, StringRedisTemplate redis) {
		this.prefix = RedisKeys.PREFIX + "rate:" + name + ":";
		this.perSecond = perSecond;
		this.capacity = capacity;
		this.clock = clock;
		this.redis = redis;
	}

	/**
	 * Takes one token.
	 * @param key whose bucket
	 * @return 0 if allowed, else the seconds to wait before a token is available
	 */
	long acquire(String key) {
		return run(key, true);
	}

	/**
	 * Looks without taking.
	 * @param key whose bucket
	 * @return 0 if a token is available, else the seconds to wait
	 */
	long peek(String key) {
		return run(key, false);
	}

	private long run(String key, boolean take) {
		Long waitMillis = this.redis.execute(BUCKET, List.of(this.prefix + key), Double.toString(this.perSecond),
				Double.toString(this.capacity), Long.toString(this.clock.millis()), take ? "1" : "0");
		long millis = (waitMillis != null) ? waitMillis : 0;
		return (millis <= 0) ? 0 : Math.max(1, (millis + 999) / 1000);
	}

}
