package io.octoplane.protocol.api;

import java.util.List;
import java.util.Objects;

/**
 * Answer of {@code GET /api/v1/brain/upgrade/history}.
 *
 * @param brain the answering brain's name
 * @param lines the upgrade home's history, oldest first: time, action, version and
 * details, separated by spaces
 */
public record BrainUpgradeHistory(String brain, List<String> lines) {

	public BrainUpgradeHistory {
		Objects.requireNonNull(brain, "brain must not be null");
		lines = List.copyOf(lines);
	}

}
