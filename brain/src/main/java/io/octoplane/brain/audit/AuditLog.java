package io.octoplane.brain.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.api.AuditEntry;
import io.octoplane.server.redis.RedisKeys;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Appends to and reads the audit stream {@code octoplane:audit}. */
@Component
public class AuditLog {

	private static final Logger logger = LoggerFactory.getLogger(AuditLog.class);

	static final String STREAM = RedisKeys.PREFIX + "audit";

	private static final int PAGE = 500;

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

	/**
	 * The newest entries of a workgroup and the workgroups below it. Entries of other
	 * workgroups are skipped, so the stream is read back in pages until enough are found
	 * or it ends; its length is capped, which bounds the walk.
	 */
	List<AuditEntry> recent(String workgroup, int limit) {
		List<AuditEntry> entries = new ArrayList<>();
		Range<String> range = Range.unbounded();
		while (entries.size() < limit) {
			List<MapRecord<String, Object, Object>> page = this.redis.opsForStream()
				.reverseRange(STREAM, range, Limit.limit().count(PAGE));
			if (page == null || page.isEmpty()) {
				break;
			}
			for (MapRecord<String, Object, Object> record : page) {
				AuditEntry entry = read(record);
				if (entry != null && WorkgroupService.isSameOrBelow(entry.workgroup(), workgroup)) {
					entries.add(entry);
					if (entries.size() == limit) {
						break;
					}
				}
			}
			if (page.size() < PAGE) {
				break;
			}
			range = Range.leftUnbounded(Range.Bound.inclusive(before(page.getLast().getId())));
		}
		return entries;
	}

	private @Nullable AuditEntry read(MapRecord<String, Object, Object> record) {
		Object value = record.getValue().get("entry");
		if (value == null) {
			return null;
		}
		try {
			return this.json.readValue(value.toString(), AuditEntry.class);
		}
		catch (JacksonException ex) {
			// One damaged entry must not hide the rest of the trail.
			logger.warn("Skipping unreadable audit entry {}: {}", record.getId(), ex.getOriginalMessage());
			return null;
		}
	}

	/**
	 * The largest stream id below the given one, for reading on from where a page ended.
	 */
	static String before(RecordId id) {
		long millis = id.getTimestamp();
		long sequence = id.getSequence();
		return (sequence > 0) ? millis + "-" + (sequence - 1) : (millis - 1) + "-" + Long.toUnsignedString(-1L);
	}

}
