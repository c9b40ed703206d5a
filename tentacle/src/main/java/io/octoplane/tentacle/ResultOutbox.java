package io.octoplane.tentacle;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.FrameTooLargeException;
import io.octoplane.tentacle.connection.AgentConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers command results on the current connection, or keeps them until the next one: a
 * command that finishes while the link is down still reports its result after the
 * reconnect. Bounded, because a node cut off for days must not grow without limit.
 */
final class ResultOutbox {

	private static final Logger logger = LoggerFactory.getLogger(ResultOutbox.class);

	private static final int CAPACITY = 256;

	private final Deque<CommandResult> pending = new ArrayDeque<>();

	private @Nullable AgentConnection connection;

	synchronized void deliver(CommandResult result) {
		AgentConnection current = this.connection;
		if (current != null) {
			try {
				send(current, result);
				return;
			}
			catch (IOException ex) {
				logger.debug("result of command {} not sent, keeping it: {}", result.commandId(), ex.getMessage());
			}
		}
		if (this.pending.size() == CAPACITY) {
			CommandResult dropped = this.pending.removeFirst();
			logger.warn("dropped the unsent result of command {}: more than {} results waiting", dropped.commandId(),
					CAPACITY);
		}
		this.pending.addLast(result);
	}

	synchronized void attach(AgentConnection connection) {
		this.connection = connection;
		while (!this.pending.isEmpty()) {
			try {
				send(connection, this.pending.peekFirst());
				this.pending.removeFirst();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	synchronized void detach(AgentConnection connection) {
		if (this.connection == connection) {
			this.connection = null;
		}
	}

	private static void send(AgentConnection connection, CommandResult result) throws IOException {
		try {
			connection.send(result);
		}
		catch (FrameTooLargeException ex) {
			// Escaped output can outgrow a frame even within the byte limit; the outcome
			// still matters more than the output.
			connection.send(new CommandResult(result.commandId(), result.outcome(), result.exitCode(), "", "", true,
					result.startedAtMillis(), result.finishedAtMillis(), "output dropped: " + ex.getMessage()));
		}
	}

}
