package io.octoplane.brain.security;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets by key (a caller, a source address). Bounded: the least recently used
 * keys are forgotten beyond a size, so a flood of distinct keys cannot exhaust memory; a
 * forgotten key simply starts with a full bucket.
 */
final class RateLimiter {

	private static final int MAX_KEYS = 100_000;

	private final double perSecond;

	private final double capacity;

	private final Clock clock;

	private final Map<String, double[]> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
			return size() > MAX_KEYS;
		}
	};

	RateLimiter(double perSecond, double capacity, Clock clock) {
		this.perSecond = perSecond;
		this.capacity = capacity;
		this.clock = clock;
	}

	/**
	 * Takes one token.
	 * @param key whose bucket
	 * @return 0 if allowed, else the seconds to wait before a token is available
	 */
	synchronized long acquire(String key) {
		double now = this.clock.millis() / 1000.0;
		double[] bucket = this.buckets.computeIfAbsent(key, (k) -> new double[] { this.capacity, now });
		bucket[0] = Math.min(this.capacity, bucket[0] + (now - bucket[1]) * this.perSecond);
		bucket[1] = now;
		if (bucket[0] >= 1) {
			bucket[0] -= 1;
			return 0;
		}
		return Math.max(1, (long) Math.ceil((1 - bucket[0]) / this.perSecond));
	}

	/**
	 * Looks without taking.
	 * @param key whose bucket
	 * @return 0 if a token is available, else the seconds to wait
	 */
	synchronized long peek(String key) {
		double[] bucket = this.buckets.get(key);
		if (bucket == null) {
			return 0;
		}
		double now = this.clock.millis() / 1000.0;
		double tokens = Math.min(this.capacity, bucket[0] + (now - bucket[1]) * this.perSecond);
		return (tokens >= 1) ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / this.perSecond));
	}

}
