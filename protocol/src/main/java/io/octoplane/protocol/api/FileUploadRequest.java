package io.octoplane.protocol.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.octoplane.protocol.file.FileKind;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/files/uploads}: install a blob already in the brain's store
 * on nodes, as a job; each node fetches it over its own data connection.
 *
 * @param targets node names or {@code @group}s
 * @param sha256 the blob
 * @param kind a file, or a folder packed as tar
 * @param name the file or folder name to create; one path segment
 * @param targetDir the folder on the nodes: absolute, starting with {@code @root},
 * {@code @workspace}, {@code @log}, {@code @fstore} or {@code @pakma}, or relative to
 * {@code @fstore} (where Octopoda's tentacle puts relative upload targets)
 * @param createTarget whether a missing target folder is created; {@code null} means yes,
 * as Octopoda's upload does by default
 * @param mode POSIX permission bits of a single file, for example {@code 0644}
 * @param timeoutSeconds transfer time limit per node, or {@code null} for the brain's
 * default
 * @param waitOfflineSeconds how long an offline node may take to come back; {@code null}
 * or 0 fails fast
 */
public record FileUploadRequest(List<String> targets, String sha256, FileKind kind, String name,
		@JsonProperty("target_dir") String targetDir, @JsonProperty("create_target") @Nullable Boolean createTarget,
		int mode, @JsonProperty("timeout_seconds") @Nullable Long timeoutSeconds,
		@JsonProperty("wait_offline_seconds") @Nullable Long waitOfflineSeconds) {

	public FileUploadRequest {
		targets = List.copyOf(Objects.requireNonNull(targets, "targets must not be null"));
		Objects.requireNonNull(sha256, "sha256 must not be null");
		Objects.requireNonNull(kind, "kind must not be null");
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(targetDir, "targetDir must not be null");
		createTarget = (createTarget != null) ? createTarget : Boolean.TRUE;
	}

}
