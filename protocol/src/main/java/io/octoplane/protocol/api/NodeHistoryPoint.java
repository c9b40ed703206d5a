package io.octoplane.protocol.api;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One point of a node's status history: a minute's first heartbeat, or the average of a
 * quarter hour's minute points. A value the node did not report is {@code null}.
 *
 * @param at start of the minute or quarter hour the point stands for
 * @param cpuLoad load average over 1 minute, at most 655.34
 * @param memoryUsage memory in use, percent (0 to 100, to one decimal)
 * @param diskUsage disk in use, percent (0 to 100, to one decimal)
 * @param delayMillis heartbeat round trip, milliseconds, at most 65,534
 */
public record NodeHistoryPoint(Instant at, @JsonProperty("cpu_load") @Nullable Double cpuLoad,
		@JsonProperty("memory_usage") @Nullable Double memoryUsage,
		@JsonProperty("disk_usage") @Nullable Double diskUsage,
		@JsonProperty("delay_millis") @Nullable Long delayMillis) {

	public NodeHistoryPoint {
		Objects.requireNonNull(at, "at must not be null");
	}

}
