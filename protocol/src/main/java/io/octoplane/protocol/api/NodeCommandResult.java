package io.octoplane.protocol.api;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The state, and once final the result, of a command on one node.
 *
 * @param name node name
 * @param state {@code queued}, {@code delivered}, {@code running}, or a final state:
 * {@code succeeded}, {@code failed}, {@code timed-out}, {@code expired},
 * {@code rejected}, {@code cancelled} (see {@link JobResponse})
 * @param errorKind whether and how it failed ({@code none} while not final)
 * @param exitCode process exit status, or {@code null} when there is none
 * @param output captured standard output
 * @param stderr captured standard error
 * @param truncated whether output beyond the limit was dropped
 * @param durationMillis run time on the node in milliseconds, or {@code null}
 * @param error why it failed, for humans, or {@code null}
 * @param startedAt when the process started, in the brain's clock (the node's start time
 * corrected by the clock offset it measured), or {@code null} before it started
 * @param clockErrorMillis uncertainty of that correction in milliseconds, or {@code null}
 * when the node had no estimate
 * @param scriptOutput what the command wrote to the file named by
 * {@code $OCTOPODA_OUTPUT} (Octopoda's result of a script), at most the output limit;
 * {@code null} (absent) when it has none, such as before the node answered or from a
 * tentacle that predates it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeCommandResult(String name, String state, @JsonProperty("error_kind") ErrorKind errorKind,
		@JsonProperty("exit_code") @Nullable Integer exitCode, String output, String stderr, boolean truncated,
		@JsonProperty("duration_ms") @Nullable Long durationMillis, @Nullable String error,
		@JsonProperty("started_at") @Nullable Instant startedAt,
		@JsonProperty("clock_error_ms") @Nullable Long clockErrorMillis,
		@JsonProperty("script_output") @Nullable String scriptOutput) {

	/**
	 * A result without start time.
	 * @param name node name
	 * @param state delivery state
	 * @param errorKind whether and how it failed
	 * @param exitCode exit status, or {@code null}
	 * @param output standard output
	 * @param stderr standard error
	 * @param truncated whether output was cut
	 * @param durationMillis run time, or {@code null}
	 * @param error why it failed, or {@code null}
	 */
	public NodeCommandResult(String name, String state, ErrorKind errorKind, @Nullable Integer exitCode, String output,
			String stderr, boolean truncated, @Nullable Long durationMillis, @Nullable String error) {
		this(name, state, errorKind, exitCode, output, stderr, truncated, durationMillis, error, null, null, null);
	}

	public NodeCommandResult {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(state, "state must not be null");
		Objects.requireNonNull(errorKind, "errorKind must not be null");
		Objects.requireNonNull(output, "output must not be null");
		Objects.requireNonNull(stderr, "stderr must not be null");
	}

}
