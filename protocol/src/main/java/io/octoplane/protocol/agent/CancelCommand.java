package io.octoplane.protocol.agent;

import java.util.Objects;

/**
 * Stops a command: a running one has its process tree killed; one not yet started is
 * recorded as cancelled and never runs. Either way the tentacle answers with a
 * {@link CommandResult} of outcome {@link CommandOutcome#CANCELLED}, unless the command
 * had already finished (then its real result stands).
 *
 * @param commandId the command to stop
 * @param reason why, for the result's error text
 */
public record CancelCommand(String commandId, String reason) implements BrainMessage {

	public CancelCommand {
		Objects.requireNonNull(commandId, "commandId must not be null");
		Objects.requireNonNull(reason, "reason must not be null");
	}

}
