package io.octoplane.protocol.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.octoplane.protocol.agent.CommandMode;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/commands}: run one command on several nodes.
 *
 * @param targets node names, at least one, no duplicates
 * @param mode how to run it
 * @param command the command line, or a script's content for {@link CommandMode#SCRIPT}
 * @param timeoutSeconds run time limit per node in seconds, or {@code null} for the
 * brain's default
 * @param outputLimitBytes most bytes of stdout and stderr kept per node, or {@code null}
 * for the brain's default
 */
public record CommandRequest(List<String> targets, CommandMode mode, String command,
		@JsonProperty("timeout_seconds") @Nullable Long timeoutSeconds,
		@JsonProperty("output_limit_bytes") @Nullable Integer outputLimitBytes) {

	public CommandRequest {
		targets = List.copyOf(Objects.requireNonNull(targets, "targets must not be null"));
		Objects.requireNonNull(mode, "mode must not be null");
		Objects.requireNonNull(command, "command must not be null");
	}

}
