package io.octoplane.brain.scenario;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.octoplane.brain.config.BrainIdentity;
import io.octoplane.server.redis.RedisKeys;
import io.octoplane.server.web.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * One lock per scenario in Redis, so every brain sharing it applies different scenarios
 * in parallel and the same one never twice at once. A lock is a lease: the holding brain
 * renews it while the work runs, so a brain killed mid-apply frees its scenarios within
 * one lease instead of forever. A second caller is refused at once with a conflict that
 * names the holder, rather than queued behind an apply that may take an hour.
 */
@Component
class ScenarioLocks implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ScenarioLocks.class);

	/** Extends the lease if this holder still has it. */
	private static final RedisScript<Long> RENEW = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
			  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
			end
			return 0
			""", Long.class);

	/** Frees the lock if this holder still has it. */
	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String brain;

	private final Clock clock;

	private final Duration lease;

	private final ScheduledExecutorService renewals = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("scenario-lock-renewal").factory());

	@Autowired
	ScenarioLocks(StringRedisTemplate redis, BrainIdentity identity, Clock clock, ScenarioProperties properties) {
		this(redis, identity.name(), clock, properties.lockLease());
	}

	ScenarioLocks(StringRedisTemplate redis, String brain, Clock clock, Duration lease) {
		if (lease.toMillis() < 3) {
			throw new IllegalArgumentException("lease must be at least 3ms, renewed every third of it");
		}
		this.redis = redis;
		this.brain = brain;
		this.clock = clock;
		this.lease = lease;
	}

	/**
	 * Runs work while holding a scenario's lock.
	 * @param workgroup the scenario's workgroup
	 * @param name the scenario
	 * @param what what the work is, for the conflict a second caller gets
	 * @param work the work
	 * @return what the work returned
	 * @throws ConflictException if another call holds the lock
	 */
	<T> T holding(String workgroup, String name, String what, Supplier<T> work) {
		String key = key(workgroup, name);
		String holder = UUID.randomUUID() + " " + this.brain + " " + what + " since " + this.clock.instant();
		Boolean taken = this.redis.opsForValue().setIfAbsent(key, holder, this.lease);
		if (!Boolean.TRUE.equals(taken)) {
			String other = this.redis.opsForValue().get(key);
			String by = (other != null) ? other.substring(other.indexOf(' ') + 1) : "another call";
			throw new ConflictException("scenario " + name + " is busy (" + by + "); try again when it has finished");
		}
		long every = this.lease.toMillis() / 3;
		ScheduledFuture<?> renewal = this.renewals.scheduleAtFixedRate(() -> renew(key, holder), every, every,
				TimeUnit.MILLISECONDS);
		try {
			return work.get();
		}
		finally {
			renewal.cancel(false);
			this.redis.execute(RELEASE, List.of(key), holder);
		}
	}

	private void renew(String key, String holder) {
		try {
			Long renewed = this.redis.execute(RENEW, List.of(key), holder, Long.toString(this.lease.toMillis()));
			if (renewed == null || renewed == 0) {
				logger.warn("The lease {} lost its lock; another call may now change that scenario", holder);
			}
		}
		catch (RuntimeException ex) {
			// Redis away for a moment; the next renewal tries again within the lease.
			logger.warn("Cannot renew the lock {}: {}", holder, ex.getMessage());
		}
	}

	@Override
	public void close() {
		this.renewals.shutdownNow();
	}

	static String key(String workgroup, String name) {
		return RedisKeys.PREFIX + "scenario-lock:"
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(workgroup.getBytes(StandardCharsets.UTF_8))
				+ ":" + name;
	}

}
