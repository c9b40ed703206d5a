package io.octoplane.protocol.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A node's status history over a range, oldest point first.
 *
 * @param name node name
 * @param range the range asked for: {@code 1h}, {@code 24h} or {@code 7d}
 * @param stepSeconds seconds between points: 60 for 1h and 24h, 900 for 7d; minutes
 * without a heartbeat have no point
 * @param points the points
 */
public record NodeHistoryResponse(String name, String range, @JsonProperty("step_seconds") long stepSeconds,
		List<NodeHistoryPoint> points) {

	public NodeHistoryResponse {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(range, "range must not be null");
		points = List.copyOf(points);
	}

}
