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
 * @param startAtMillis when to start, in the brain's clock (epoch milliseconds); the
 * tentacle converts it to its own clock with the offset it measured from heartbeats; 0
 * starts at once
 * @param maxClockErrorMillis for a time-aligned start, the largest uncertainty of the
 * tentacle's clock offset it may start with (it refuses, saying why, when its estimate is
 * worse or the start instant has passed); 0 when the start is not time-aligned
 */
public record RunCommand(String commandId, CommandMode mode, String command, long timeoutMillis, int outputLimitBytes,
		boolean continuous, boolean streamOutput, long startAtMillis,
		long maxClockErrorMillis) implements BrainMessage {

	/**
	 * A command that starts at once.
	 * @param commandId unique id of this command on this node
	 * @param mode how to run it
	 * @param command the command line or script content
	 * @param timeoutMillis run time limit in milliseconds
	 * @param outputLimitBytes output kept per stream in bytes
	 * @param continuous whether reaching the time limit is the normal end
	 * @param streamOutput whether to send live output
	 */
	public RunCommand(String commandId, CommandMode mode, String command, long timeoutMillis, int outputLimitBytes,
			boolean continuous, boolean streamOutput) {
		this(commandId, mode, command, timeoutMillis, outputLimitBytes, continuous, streamOutput, 0, 0);
	}

	/**
	 * A plain command: not continuous, no live output.
	 * @param commandId unique id of this command on this node
	 * @param mode how to run it
	 * @param command the command line or script content
	 * @param timeoutMillis run time limit in milliseconds
	 * @param outputLimitBytes output kept per stream in bytes
	 */
	public RunCommand(String commandId, CommandMode mode, String command, long timeoutMillis, int outputLimitBytes) {
		this(commandId, mode, command, timeoutMillis, outputLimitBytes, false, false, 0, 0);
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
		if (startAtMillis < 0 || maxClockErrorMillis < 0) {
			throw new IllegalArgumentException("startAtMillis and maxClockErrorMillis must not be negative");
		}
		if (maxClockErrorMillis > 0 && startAtMillis == 0) {
			throw new IllegalArgumentException("a time-aligned command needs a start instant");
		}
	}

}
