package io.octoplane.protocol.api;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A node's labels and where each comes from: the answer of {@code GET} and {@code PATCH
 * /api/v1/nodes/{name}/labels}.
 *
 * @param name the node
 * @param labels the labels selectors see: {@code config} overridden by {@code operator}
 * @param config the labels of the node's configuration file, sent by the node
 * @param operator the labels operators set with {@code octl node label}; they survive
 * reconnects and brain restarts
 */
public record NodeLabelsResponse(String name, Map<String, String> labels,
		@JsonProperty("config") Map<String, String> config, @JsonProperty("operator") Map<String, String> operator) {

	public NodeLabelsResponse {
		Objects.requireNonNull(name, "name must not be null");
		labels = Map.copyOf(labels);
		config = Map.copyOf(config);
		operator = Map.copyOf(operator);
	}

}
