package io.octoplane.protocol.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/scenarios/{name}/apply}: run a target of a scenario folder.
 *
 * @param archiveSha256 SHA-256 of a tar.gz of the scenario folder
 * ({@code deployment.yaml} and {@code alias.yaml} at its root, {@code .gitignore}d files
 * left out), stored beforehand in the brain's blob store
 * ({@code POST /api/v1/files/blobs}) by the caller's workgroup
 * @param target the target to run (prepare, start, stop, purge, commit or a custom one),
 * or {@code null} (or {@code default}, as Octopoda names it) for prepare then start
 * @param message what this deployment is for; recorded in the versions it makes
 */
public record ScenarioApplyRequest(@JsonProperty("archive_sha256") String archiveSha256, @Nullable String target,
		@Nullable String message) {

	public ScenarioApplyRequest {
		Objects.requireNonNull(archiveSha256, "archiveSha256 must not be null");
	}

}
