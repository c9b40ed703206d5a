package io.octoplane.protocol.agent;

import java.util.Objects;

/**
 * The tentacle recorded the command in its journal and started it. From here on it will
 * never start the same command id again, whatever is redelivered.
 *
 * @param commandId the command's id
 * @param startedAtMillis node clock when the process started, epoch milliseconds
 * @param clockOffsetMillis brain clock minus node clock as the node estimated it when it
 * started (0 when it has no estimate)
 * @param clockErrorMillis uncertainty of that estimate in milliseconds, or -1 when the
 * node has none
 */
public record CommandStarted(String commandId, long startedAtMillis, long clockOffsetMillis,
		long clockErrorMillis) implements AgentMessage {

	/**
	 * A start without a clock estimate.
	 * @param commandId the command's id
	 * @param startedAtMillis node clock when the process started
	 */
	public CommandStarted(String commandId, long startedAtMillis) {
		this(commandId, startedAtMillis, 0, -1);
	}

	public CommandStarted {
		Objects.requireNonNull(commandId, "commandId must not be null");
	}

}
