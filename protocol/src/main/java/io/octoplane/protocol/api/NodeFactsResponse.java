package io.octoplane.protocol.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A node's facts and labels: the answer of {@code GET /api/v1/nodes/{name}/facts}.
 *
 * @param name the node
 * @param facts fact name to value, as the node last reported them (sizes in bytes, times
 * in epoch seconds)
 * @param errors fact script name to what went wrong with it on the node
 * @param labels the node's labels: those of its configuration file, overridden by those
 * an operator set
 * @param reportedAt when the brain received the facts, or {@code null} if the node never
 * reported any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeFactsResponse(String name, Map<String, String> facts, Map<String, String> errors,
		Map<String, String> labels, @JsonProperty("reported_at") @Nullable Instant reportedAt) {

	public NodeFactsResponse {
		Objects.requireNonNull(name, "name must not be null");
		facts = Map.copyOf(facts);
		errors = Map.copyOf(errors);
		labels = Map.copyOf(labels);
	}

}
