package io.octoplane.nameserver.security;

import java.time.Clock;
import java.util.Map;

import io.octoplane.nameserver.NameserverProperties;
import io.octoplane.server.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The nameserver's audit trail: one entry per change or refusal in the Redis stream
 * {@code octoplane:nameserver:audit} (fields at, caller, source, action, status), capped
 * in length, and a log line.
 */
@Component
public class AuditTrail {

	static final String STREAM = RedisKeys.PREFIX + "nameserver:audit";

	private static final Logger logger = LoggerFactory.getLogger(AuditTrail.class);

	private final StringRedisTemplate redis;

	private final NameserverProperties properties;

	private final Clock clock;

	AuditTrail(StringRedisTemplate redis, NameserverProperties properties, Clock clock) {
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Appends an entry. Never throws: a call that succeeded must not fail because the
	 * audit write did; the failure is logged instead.
	 * @param caller the certificate's common name, or {@code anonymous}
	 * @param source the caller's address
	 * @param action method and path
	 * @param status the HTTP status answered
	 */
	public void record(String caller, String source, String action, int status) {
		logger.info("audit: {} from {}: {} -> {}", caller, source, action, status);
		try {
			this.redis.opsForStream()
				.add(StreamRecords
					.string(Map.of("at", this.clock.instant().toString(), "caller", caller, "source", source, "action",
							action, "status", Integer.toString(status)))
					.withStreamKey(STREAM),
						XAddOptions.maxlen(this.properties.auditEntries()).approximateTrimming(true));
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot write audit entry for {} by {}: {}", action, caller, ex.getMessage());
		}
	}

}
