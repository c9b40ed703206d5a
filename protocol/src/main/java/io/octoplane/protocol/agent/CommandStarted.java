package io.octoplane.protocol.agent;

import java.util.Objects;

/**
 * The tentacle recorded the command in its journal and started it. From here on it will
 * never start the same command id again, whatever is redelivered.
 *
 * @param commandId the command's id
 * @param startedAtMillis node clock when the process started, epoch milliseconds
 */
public record CommandStarted(String commandId, long startedAtMillis) implements AgentMessage {

	public CommandStarted {
		Objects.requireNonNull(commandId, "commandId must not be null");
	}

}
