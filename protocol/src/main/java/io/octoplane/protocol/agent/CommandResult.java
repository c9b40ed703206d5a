package io.octoplane.protocol.agent;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a {@link RunCommand} on the node.
 *
 * @param commandId the id of the command this answers
 * @param outcome how it ended
 * @param exitCode the process exit status; -1 when there is none (timed out, not started,
 * background)
 * @param stdout captured standard output, at most the command's output limit in bytes
 * @param stderr captured standard error, at most the command's output limit in bytes
 * @param outputTruncated whether output beyond the limit was dropped
 * @param startedAtMillis node clock when the process started, epoch milliseconds
 * @param finishedAtMillis node clock when it ended (or was started, for background),
 * epoch milliseconds
 * @param error why the process could not start or was killed, or {@code null}; also
 * carries notes on a run that did not go quite as asked (such as {@code sh} standing in
 * for a missing {@code bash})
 * @param scriptOutput what the command wrote to the file named by
 * {@code $OCTOPODA_OUTPUT}, at most the command's output limit in bytes; {@code null}
 * when the mode has no such file or the tentacle predates it (absent in JSON)
 */
public record CommandResult(String commandId, CommandOutcome outcome, int exitCode, String stdout, String stderr,
		boolean outputTruncated, long startedAtMillis, long finishedAtMillis, @Nullable String error,
		@Nullable String scriptOutput) implements AgentMessage {

	/**
	 * A result without {@code $OCTOPODA_OUTPUT} contents.
	 * @param commandId the id of the command this answers
	 * @param outcome how it ended
	 * @param exitCode the process exit status, or -1
	 * @param stdout captured standard output
	 * @param stderr captured standard error
	 * @param outputTruncated whether output beyond the limit was dropped
	 * @param startedAtMillis node clock when the process started
	 * @param finishedAtMillis node clock when it ended
	 * @param error why the process could not start or was killed, or {@code null}
	 */
	public CommandResult(String commandId, CommandOutcome outcome, int exitCode, String stdout, String stderr,
			boolean outputTruncated, long startedAtMillis, long finishedAtMillis, @Nullable String error) {
		this(commandId, outcome, exitCode, stdout, stderr, outputTruncated, startedAtMillis, finishedAtMillis, error,
				null);
	}

	public CommandResult {
		Objects.requireNonNull(commandId, "commandId must not be null");
		Objects.requireNonNull(outcome, "outcome must not be null");
		Objects.requireNonNull(stdout, "stdout must not be null");
		Objects.requireNonNull(stderr, "stderr must not be null");
	}

}
