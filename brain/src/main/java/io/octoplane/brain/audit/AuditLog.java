package io.octoplane.brain.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.api.AuditEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Appends to and reads the audit stream {@code octoplane:audit}. */
@Component
public class AuditLog {

	private static final Logger logger = LoggerFactory.getLogger(AuditLog.class);

	static final String STREAM = "octoplane:audit";

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final AuditProperties properties;

	AuditLog(StringRedisTemplate redis, JsonMapper json, AuditProperties properties) {
		this.redis = redis;
		this.json = json;
		this.properties = properties;
	}

	/**
	 * Appends an entry. Never throws: a call that succeeded must not fail because the
	 * audit write did; the failure is logged instead.
	 * @param entry the entry
	 */
	public void record(AuditEntry entry) {
		try {
			this.redis.opsForStream()
				.add(StreamRecords.string(Map.of("entry", this.json.writeValueAsString(entry))).withStreamKey(STREAM),
						XAddOptions.maxlen(this.properties.maxEntries()).approximateTrimming(true));
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot write audit entry for {} by {}: {}", entry.action(), entry.caller(), ex.getMessage());
		}
	}

	List<AuditEntry> recent(String workgroup, int limit) {
		List<AuditEntry> entries = new ArrayList<>();
		// Entries of other workgroups are skipped, so read further back than the limit.
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.reverseRange(STREAM, Range.unbounded(), Limit.limit().count(Math.min(limit * 10, 10_000)));
		if (records == null) {
			return entries;
		}
		for (MapRecord<String, Object, Object> record : records) {
			Object value = record.getValue().get("entry");
			if (value == null) {
				continue;
			}
			AuditEntry entry = this.json.readValue(value.toString(), AuditEntry.class);
			if (WorkgroupService.isSameOrBelow(entry.workgroup(), workgroup)) {
				entries.add(entry);
				if (entries.size() == limit) {
					break;
				}
			}
		}
		return entries;
	}

}
