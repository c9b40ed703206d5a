package io.octoplane.brain.history;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.api.NodeHistoryResponse;
import io.octoplane.server.redis.RedisKeys;

import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

/**
 * Every node's status history in Redis, in two fixed-size rings of 12-byte
 * {@link HistoryPoints records}: {@code octoplane:history:{name}:m} holds a point a
 * minute for {@value #MINUTES} minutes (a day), {@code ...:q} a point a quarter hour for
 * {@value #QUARTERS} quarters (a week). A slot is the point's time modulo the ring's
 * length, so a ring never grows and old points are overwritten in place; both keys expire
 * a day after a week without heartbeats, so forgotten nodes leave nothing behind.
 *
 * <p>
 * The heartbeat path writes at most once a minute per node (the minute's first heartbeat
 * with a status), in one script call that also recomputes the quarter's average from the
 * minute points so far: no state outside Redis, whichever brain a node is connected to.
 */
@Repository
public class NodeHistory {

	static final int MINUTES = 1440;

	static final int QUARTERS = 672;

	private static final Duration RETENTION = Duration.ofDays(8);

	private static final RedisScript<Long> RECORD = RedisScript.of("""
			local m = tonumber(ARGV[1])
			local size = %d
			-- A ring is made at its full length at once: grown write by write, Redis would
			-- keep spare room at the end of the string.
			if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SETRANGE', KEYS[1], %d * size - 1, '\\0') end
			if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('SETRANGE', KEYS[2], %d * size - 1, '\\0') end
			redis.call('SETRANGE', KEYS[1], (m %% %d) * size,
			  struct.pack('>I4I2I2I2I2', m, tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])))
			local first = m - (m %% 15)
			local raw = redis.call('GETRANGE', KEYS[1], (first %% %d) * size, (m %% %d) * size + size - 1)
			local sums, counts = {0, 0, 0, 0}, {0, 0, 0, 0}
			for offset = 1, #raw - size + 1, size do
			  local stamp, a, b, c, d = struct.unpack('>I4I2I2I2I2', raw, offset)
			  if stamp >= first and stamp <= m then
			    local values = {a, b, c, d}
			    for k = 1, 4 do
			      if values[k] ~= 65535 then sums[k] = sums[k] + values[k]; counts[k] = counts[k] + 1 end
			    end
			  end
			end
			local avg = {}
			for k = 1, 4 do
			  if counts[k] > 0 then avg[k] = math.floor(sums[k] / counts[k] + 0.5) else avg[k] = 65535 end
			end
			redis.call('SETRANGE', KEYS[2], ((first / 15) %% %d) * size,
			  struct.pack('>I4I2I2I2I2', first, avg[1], avg[2], avg[3], avg[4]))
			redis.call('PEXPIRE', KEYS[1], ARGV[6])
			redis.call('PEXPIRE', KEYS[2], ARGV[6])
			return 1
			""".formatted(HistoryPoints.RECORD_BYTES, MINUTES, QUARTERS, MINUTES, MINUTES, MINUTES, QUARTERS),
			Long.class);

	private final StringRedisTemplate redis;

	private final Clock clock;

	/**
	 * The last minute written per node, so later heartbeats of that minute cost nothing.
	 */
	private final Map<String, Long> written = new ConcurrentHashMap<>();

	public NodeHistory(StringRedisTemplate redis, Clock clock) {
		this.redis = redis;
		this.clock = clock;
	}

	static String minuteKey(String name) {
		return RedisKeys.PREFIX + "history:{" + name + "}:m";
	}

	static String quarterKey(String name) {
		return RedisKeys.PREFIX + "history:{" + name + "}:q";
	}

	/**
	 * Records a heartbeat's status, unless the node already has a point for this minute.
	 * @param name the node
	 * @param status what it reported
	 * @param rttMicros the heartbeat's round trip, -1 if unknown
	 * @param now when it arrived
	 */
	public void record(String name, NodeStatus status, long rttMicros, Instant now) {
		record(List.of(new StatusPoint(name, status, rttMicros, now)));
	}

	/**
	 * Records the statuses of many heartbeats in one round trip, each unless its node
	 * already has a point for that minute.
	 * @param points the heartbeats' statuses
	 */
	public void record(Collection<StatusPoint> points) {
		List<byte[][]> calls = new ArrayList<>();
		for (StatusPoint point : points) {
			long minute = point.at().getEpochSecond() / 60;
			if (firstOfMinute(point.name(), minute)) {
				calls.add(arguments(point, minute));
			}
		}
		if (calls.isEmpty()) {
			return;
		}
		byte[] script = RECORD.getScriptAsString().getBytes(StandardCharsets.UTF_8);
		this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (byte[][] call : calls) {
				connection.scriptingCommands().eval(script, ReturnType.INTEGER, 2, call);
			}
			return null;
		});
	}

	private boolean firstOfMinute(String name, long minute) {
		Long previous = this.written.put(name, minute);
		if (previous != null && previous >= minute) {
			if (previous > minute) {
				this.written.put(name, previous);
			}
			return false;
		}
		return true;
	}

	private static byte[][] arguments(StatusPoint point, long minute) {
		int[] values = HistoryPoints.encode(point.status(), point.rttMicros());
		return new byte[][] { bytes(minuteKey(point.name())), bytes(quarterKey(point.name())),
				bytes(Long.toString(minute)), bytes(Integer.toString(values[0])), bytes(Integer.toString(values[1])),
				bytes(Integer.toString(values[2])), bytes(Integer.toString(values[3])),
				bytes(Long.toString(RETENTION.toMillis())) };
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Reads a node's history; the caller has checked that the node is visible.
	 * @param name the node
	 * @param range how far back
	 * @return the points, oldest first
	 */
	public NodeHistoryResponse read(String name, HistoryRange range) {
		long now = this.clock.instant().getEpochSecond() / 60;
		long from = now - range.span().toMinutes() + 1;
		String key = range.quarters() ? quarterKey(name) : minuteKey(name);
		byte[] ring = this.redis.execute((RedisCallback<byte[]>) (connection) -> connection.stringCommands()
			.get(key.getBytes(StandardCharsets.UTF_8)));
		return new NodeHistoryResponse(name, range.text(), range.stepSeconds(),
				HistoryPoints.decode(ring, range.quarters() ? from - (from % 15) : from, now));
	}

	/**
	 * One heartbeat's status, to record as a history point.
	 *
	 * @param name the node
	 * @param status what it reported
	 * @param rttMicros the heartbeat's round trip, -1 if unknown
	 * @param at when it arrived
	 */
	public record StatusPoint(String name, NodeStatus status, long rttMicros, Instant at) {
	}

	/**
	 * Forgets a node's history, when the node is removed from the registry.
	 * @param name the node
	 */
	public void forget(String name) {
		this.written.remove(name);
		this.redis.delete(List.of(minuteKey(name), quarterKey(name)));
	}

}
