package io.octoplane.protocol.agent;

import java.util.Objects;

/**
 * The brain stored the result of a command durably. Until the tentacle receives this, it
 * keeps the result in its journal and sends it again after every reconnect.
 *
 * @param commandId the id of the command whose result was stored
 */
public record ResultAck(String commandId) implements BrainMessage {

	public ResultAck {
		Objects.requireNonNull(commandId, "commandId must not be null");
	}

}
