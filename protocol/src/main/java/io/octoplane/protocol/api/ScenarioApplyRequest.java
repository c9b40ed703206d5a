package io.octoplane.protocol.api;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/scenarios/{name}/apply}: run a target of a scenario folder.
 *
 * @param archive base64 of a tar.gz of the scenario folder ({@code deployment.yaml} at
 * its root, {@code .gitignore}d files left out)
 * @param target the target to run (prepare, start, stop, purge, commit or a custom one),
 * or {@code null} for prepare then start
 * @param message what this deployment is for; recorded in the versions it makes
 */
public record ScenarioApplyRequest(String archive, @Nullable String target, @Nullable String message) {

	public ScenarioApplyRequest {
		Objects.requireNonNull(archive, "archive must not be null");
	}

}
