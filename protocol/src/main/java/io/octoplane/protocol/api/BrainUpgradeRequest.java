package io.octoplane.protocol.api;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/brain/upgrade}.
 *
 * @param action {@code install}, {@code upgrade} or {@code downgrade} (with a version),
 * {@code confirm}, {@code cancel} or {@code clean} (without)
 * @param version the release version, such as {@code 1.1.0}, or {@code null}
 */
public record BrainUpgradeRequest(String action, @Nullable String version) {

	public BrainUpgradeRequest {
		Objects.requireNonNull(action, "action must not be null");
	}

}
