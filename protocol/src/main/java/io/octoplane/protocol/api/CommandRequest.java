package io.octoplane.protocol.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.octoplane.protocol.agent.CommandMode;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/commands}: run one command on several nodes, as a job.
 *
 * @param targets node names, at least one, no duplicates
 * @param mode how to run it
 * @param command the command line, or a script's content for {@link CommandMode#SCRIPT}
 * @param timeoutSeconds run time limit per node in seconds, or {@code null} for the
 * brain's default
 * @param outputLimitBytes most bytes of stdout and stderr kept per node, or {@code null}
 * for the brain's default
 * @param waitOfflineSeconds how long a node that is offline may take to come back and
 * receive the command, in seconds; {@code null} or 0 fails fast (state {@code expired})
 * @param maxConcurrency most nodes running the command at once: a number ({@code "10"})
 * or a percentage of the targets ({@code "25%"}, at least 1 node); {@code null} for all
 * at once
 * @param maxErrors once more nodes than this have failed, no further node is started (the
 * rest end {@code cancelled}): a number or a percentage; {@code null} for no limit
 * @param continuous whether the run time limit is the normal end of the command
 * ({@code tail -f} style), so reaching it counts as success
 * @param streamOutput whether nodes send output while the command runs, for {@code GET
 * /api/v1/jobs/{id}/events}
 * @param startDelayMillis start this many milliseconds after the brain accepted the job
 * (Octopoda's {@code xrun -d}); the command is loaded on the nodes at once and fires
 * then; {@code null} or 0 starts at once (or, time-aligned, after the brain's lead time)
 * @param timeAligned whether every node starts at the same instant of the brain's clock,
 * each converting it with the clock offset it measured from heartbeats; a node whose
 * offset is too uncertain refuses, saying why
 * @param maxClockErrorMillis for a time-aligned start, the largest uncertainty of a
 * node's clock offset it may start with; {@code null} for the brain's default
 */
public record CommandRequest(List<String> targets, CommandMode mode, String command,
		@JsonProperty("timeout_seconds") @Nullable Long timeoutSeconds,
		@JsonProperty("output_limit_bytes") @Nullable Integer outputLimitBytes,
		@JsonProperty("wait_offline_seconds") @Nullable Long waitOfflineSeconds,
		@JsonProperty("max_concurrency") @Nullable String maxConcurrency,
		@JsonProperty("max_errors") @Nullable String maxErrors, @Nullable Boolean continuous,
		@JsonProperty("stream_output") @Nullable Boolean streamOutput,
		@JsonProperty("start_delay_ms") @Nullable Long startDelayMillis,
		@JsonProperty("time_aligned") @Nullable Boolean timeAligned,
		@JsonProperty("max_clock_error_ms") @Nullable Long maxClockErrorMillis) {

	/**
	 * A request that starts as soon as each node has it.
	 * @param targets node names
	 * @param mode how to run it
	 * @param command the command line or script content
	 * @param timeoutSeconds run time limit per node in seconds, or {@code null}
	 * @param outputLimitBytes output kept per stream and node, or {@code null}
	 * @param waitOfflineSeconds delivery deadline for offline nodes, or {@code null}
	 * @param maxConcurrency concurrency limit, or {@code null}
	 * @param maxErrors error limit, or {@code null}
	 * @param continuous whether the time limit is the normal end
	 * @param streamOutput whether nodes send live output
	 */
	public CommandRequest(List<String> targets, CommandMode mode, String command, @Nullable Long timeoutSeconds,
			@Nullable Integer outputLimitBytes, @Nullable Long waitOfflineSeconds, @Nullable String maxConcurrency,
			@Nullable String maxErrors, @Nullable Boolean continuous, @Nullable Boolean streamOutput) {
		this(targets, mode, command, timeoutSeconds, outputLimitBytes, waitOfflineSeconds, maxConcurrency, maxErrors,
				continuous, streamOutput, null, null, null);
	}

	public CommandRequest {
		targets = List.copyOf(Objects.requireNonNull(targets, "targets must not be null"));
		Objects.requireNonNull(mode, "mode must not be null");
		Objects.requireNonNull(command, "command must not be null");
	}

	/**
	 * A request with the brain's defaults for everything but targets, mode and command.
	 * @param targets node names
	 * @param mode how to run it
	 * @param command the command line or script content
	 * @return the request
	 */
	public static CommandRequest of(List<String> targets, CommandMode mode, String command) {
		return new CommandRequest(targets, mode, command, null, null, null, null, null, null, null);
	}

}
