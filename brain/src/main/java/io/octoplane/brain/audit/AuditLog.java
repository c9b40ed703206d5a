package io.octoplane.brain.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.octoplane.brain.web.PageCursor;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.api.AuditEntry;
import io.octoplane.protocol.api.AuditResponse;
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

	private static final int CHUNK = 500;

	/** Most entries one page looks at, visible or not. */
	static final int SCAN_LIMIT = 10_000;

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
	 * One page of the entries of a workgroup and the workgroups below it, newest first.
	 * Entries of other workgroups are skipped, so the stream is read back in chunks until
	 * the page is full, the stream ends, or {@value #SCAN_LIMIT} entries were looked at;
	 * the cursor then names the last one looked at. Entries appended meanwhile are newer
	 * than any cursor, so they never shift a later page.
	 * @param workgroup the caller's workgroup
	 * @param limit most entries in the page
	 * @param cursor a previous page's {@code next_cursor}, or {@code null} for the newest
	 * @return the page
	 */
	AuditResponse page(String workgroup, int limit, @Nullable String cursor) {
		String last = parse(cursor);
		List<AuditEntry> entries = new ArrayList<>();
		int scanned = 0;
		boolean more = true;
		while (entries.size() < limit && scanned < SCAN_LIMIT && more) {
			int count = Math.min(CHUNK, SCAN_LIMIT - scanned);
			List<MapRecord<String, Object, Object>> chunk = olderThan(last, count);
			more = chunk.size() == count;
			for (MapRecord<String, Object, Object> record : chunk) {
				last = record.getId().getValue();
				scanned++;
				AuditEntry entry = read(record);
				if (entry != null && WorkgroupService.isSameOrBelow(entry.workgroup(), workgroup)) {
					entries.add(entry);
					if (entries.size() == limit) {
						break;
					}
				}
			}
		}
		boolean next = last != null && !olderThan(last, 1).isEmpty();
		return new AuditResponse(entries, next ? PageCursor.encode(last) : null);
	}

	private List<MapRecord<String, Object, Object>> olderThan(@Nullable String id, int count) {
		Range<String> range = (id != null) ? Range.leftUnbounded(Range.Bound.inclusive(before(RecordId.of(id))))
				: Range.unbounded();
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.reverseRange(STREAM, range, Limit.limit().count(count));
		return (records != null) ? records : List.of();
	}

	private static @Nullable String parse(@Nullable String cursor) {
		String id = PageCursor.decode(cursor);
		if (id == null) {
			return null;
		}
		try {
			return RecordId.of(id).getValue();
		}
		catch (IllegalArgumentException ex) {
			throw PageCursor.invalid(cursor);
		}
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
