package io.octoplane.protocol.api;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Answer of {@code GET /api/v1/brain/upgrade}: the upgrade home of the brain that
 * answered. The file formats and meanings are those of a tentacle's upgrade home.
 *
 * @param brain the answering brain's name
 * @param running the version its launcher started it as
 * @param stable the version that runs when nothing is on trial, or {@code null}
 * @param preview the version on trial, or {@code null}
 * @param healthy the version that last reported itself ready, or {@code null}; a preview
 * can be confirmed once this equals it
 * @param installed the verified versions in the home, in name order
 */
public record BrainUpgradeState(String brain, String running, @Nullable String stable, @Nullable String preview,
		@Nullable String healthy, List<String> installed) {

	public BrainUpgradeState {
		Objects.requireNonNull(brain, "brain must not be null");
		Objects.requireNonNull(running, "running must not be null");
		installed = List.copyOf(installed);
	}

}
