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
 */
public record RunCommand(String commandId, CommandMode mode, String command, long timeoutMillis,
		int outputLimitBytes) implements BrainMessage {

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
