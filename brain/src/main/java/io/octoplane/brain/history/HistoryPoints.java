package io.octoplane.brain.history;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.api.NodeHistoryPoint;
import org.jspecify.annotations.Nullable;

/**
 * The 12-byte record of one history point, as the Redis script writes it into a ring: the
 * minute it stands for (unsigned 32-bit minutes since the epoch), then CPU load in
 * hundredths, memory and disk use in tenths of a percent and the heartbeat delay in
 * milliseconds, each an unsigned 16-bit value where {@value #UNKNOWN} means not reported.
 * Fixed records keep a node's day and week of history in about 29 KB of Redis memory.
 */
final class HistoryPoints {

	static final int RECORD_BYTES = 12;

	static final int UNKNOWN = 0xFFFF;

	private HistoryPoints() {
	}

	/**
	 * The four encoded values of a heartbeat.
	 * @param status what the node reported
	 * @param rttMicros the heartbeat's round trip, -1 if unknown
	 * @return load, memory, disk and delay, encoded
	 */
	static int[] encode(NodeStatus status, long rttMicros) {
		return new int[] { (status.load1() < 0) ? UNKNOWN : clamp(Math.round(status.load1() * 100)),
				permille(status.memoryUsedBytes(), status.memoryTotalBytes()),
				permille(status.diskUsedBytes(), status.diskTotalBytes()),
				(rttMicros < 0) ? UNKNOWN : clamp(Math.round(rttMicros / 1000.0)) };
	}

	private static int permille(long used, long total) {
		return (total <= 0) ? UNKNOWN : clamp(Math.round(used * 1000.0 / total));
	}

	private static int clamp(long value) {
		return (int) Math.max(0, Math.min(UNKNOWN - 1, value));
	}

	/**
	 * Decodes the points of a ring that fall within a window, oldest first.
	 * @param ring the ring's bytes (shorter than full while it fills)
	 * @param fromMinute first minute of the window, inclusive
	 * @param toMinute last minute of the window, inclusive
	 * @return the points
	 */
	static List<NodeHistoryPoint> decode(byte @Nullable [] ring, long fromMinute, long toMinute) {
		List<NodeHistoryPoint> points = new ArrayList<>();
		if (ring == null) {
			return points;
		}
		ByteBuffer buffer = ByteBuffer.wrap(ring);
		for (int offset = 0; offset + RECORD_BYTES <= ring.length; offset += RECORD_BYTES) {
			long minute = Integer.toUnsignedLong(buffer.getInt(offset));
			if (minute == 0 || minute < fromMinute || minute > toMinute) {
				continue;
			}
			points.add(new NodeHistoryPoint(Instant.ofEpochSecond(minute * 60), value(buffer, offset + 4, 100.0),
					value(buffer, offset + 6, 10.0), value(buffer, offset + 8, 10.0), delay(buffer, offset + 10)));
		}
		points.sort(Comparator.comparing(NodeHistoryPoint::at));
		return points;
	}

	private static @Nullable Double value(ByteBuffer buffer, int offset, double scale) {
		int raw = Short.toUnsignedInt(buffer.getShort(offset));
		return (raw == UNKNOWN) ? null : raw / scale;
	}

	private static @Nullable Long delay(ByteBuffer buffer, int offset) {
		int raw = Short.toUnsignedInt(buffer.getShort(offset));
		return (raw == UNKNOWN) ? null : (long) raw;
	}

}
