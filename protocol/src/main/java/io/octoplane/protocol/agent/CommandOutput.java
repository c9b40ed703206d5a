package io.octoplane.protocol.agent;

import java.util.Objects;

/**
 * A piece of a running command's output, sent only when the command asked for
 * {@link RunCommand#streamOutput() live output}. Best effort: chunks produced while the
 * link is down are dropped (the result still carries the output, up to its limit).
 *
 * @param commandId the command's id
 * @param stream {@code stdout} or {@code stderr}
 * @param seq chunk number for this command and stream, from 0, without gaps on one
 * connection
 * @param data the output text (UTF-8 decoded; a chunk never splits a character)
 */
public record CommandOutput(String commandId, String stream, long seq, String data) implements AgentMessage {

	public CommandOutput {
		Objects.requireNonNull(commandId, "commandId must not be null");
		Objects.requireNonNull(data, "data must not be null");
		if (!"stdout".equals(stream) && !"stderr".equals(stream)) {
			throw new IllegalArgumentException("stream must be stdout or stderr");
		}
		if (seq < 0) {
			throw new IllegalArgumentException("seq must not be negative");
		}
	}

}
