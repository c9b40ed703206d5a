package io.octoplane.protocol.agent;

import java.util.Objects;

/**
 * Asks a tentacle to run a command.
 *
 * @param commandId unique id of this command on this node; the result echoes it
 * @param mode how to run it
 * @param command the shell command line, or the script content for
 * {@link CommandMode#SCRIPT}
 * @param timeoutMillis run time limit in milliseconds after which the whole process tree
 * is killed; positive
 * @param outputLimitBytes the most bytes of stdout and of stderr each that are kept; the
 * rest is dropped and the result marked truncated; positive
 * @param continuous whether reaching the time limit is the normal end (a {@code tail -f}
 * style command): the process tree is killed then and the outcome is
 * {@link CommandOutcome#SUCCEEDED}, not {@link CommandOutcome#TIMED_OUT}
 * @param streamOutput whether to send {@link CommandOutput} frames while the command
 * runs, in addition to the output kept in the result
 */
public record RunCommand(String commandId, CommandMode mode, String command, long timeoutMillis, int outputLimitBytes,
		boolean continuous, boolean streamOutput) implements BrainMessage {

	/**
	 * A plain command: not continuous, no live output.
	 * @param commandId unique id of this command on this node
	 * @param mode how to run it
	 * @param command the command line or script content
	 * @param timeoutMillis run time limit in milliseconds
	 * @param outputLimitBytes output kept per stream in bytes
	 */
	public RunCommand(String commandId, CommandMode mode, String command, long timeoutMillis, int outputLimitBytes) {
		this(commandId, mode, command, timeoutMillis, outputLimitBytes, false, false);
	}

	public RunCommand {
		Objects.requireNonNull(commandId, "commandId must not be null");
		Objects.requireNonNull(mode, "mode must not be null");
		Objects.requireNonNull(command, "command must not be null");
		if (timeoutMillis <= 0) {
			throw new IllegalArgumentException("timeoutMillis must be positive");
		}
		if (outputLimitBytes <= 0) {
			throw new IllegalArgumentException("outputLimitBytes must be positive");
		}
	}

}
