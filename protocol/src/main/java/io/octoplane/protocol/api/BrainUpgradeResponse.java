package io.octoplane.protocol.api;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Answer of {@code POST /api/v1/brain/upgrade}.
 *
 * @param action the action carried out
 * @param version the version it acted on
 * @param restarting whether the launcher restarts the brain now (upgrade, downgrade and
 * cancel switch versions a few seconds after the answer)
 * @param message what happened and what to do next, for people
 * @param state the upgrade home after the action
 */
public record BrainUpgradeResponse(String action, @Nullable String version, boolean restarting, String message,
		BrainUpgradeState state) {

	public BrainUpgradeResponse {
		Objects.requireNonNull(action, "action must not be null");
		Objects.requireNonNull(message, "message must not be null");
		Objects.requireNonNull(state, "state must not be null");
	}

}
