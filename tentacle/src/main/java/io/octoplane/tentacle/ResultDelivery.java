package io.octoplane.tentacle;

import java.io.IOException;
import java.util.Optional;

import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.CommandOutput;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.FrameTooLargeException;
import io.octoplane.tentacle.command.OutputSink;
import io.octoplane.tentacle.connection.AgentConnection;
import io.octoplane.tentacle.journal.CommandJournal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts frames on whichever connection is up. Results are already in the journal when they
 * get here, so one that cannot be sent now is not kept in memory: {@link #attach} sends
 * every unacknowledged result from the journal on each new connection. Progress frames
 * (started, live output) are best effort and dropped while the link is down.
 */
final class ResultDelivery implements OutputSink {

	private static final Logger logger = LoggerFactory.getLogger(ResultDelivery.class);

	private final CommandJournal journal;

	private volatile @Nullable AgentConnection connection;

	ResultDelivery(CommandJournal journal) {
		this.journal = journal;
	}

	/**
	 * Sends every journalled result the brain has not acknowledged, oldest first, then
	 * makes the connection current. Results that finish meanwhile wait for the lock, so
	 * none slips between the journal scan and the switch.
	 */
	synchronized void attach(AgentConnection current) {
		int resent = 0;
		for (String commandId : this.journal.unacknowledged()) {
			Optional<CommandResult> result = this.journal.result(commandId);
			if (result.isEmpty()) {
				continue;
			}
			try {
				sendResult(current, result.get());
				resent++;
			}
			catch (IOException ex) {
				// The link died already; the connection loop finds out on its first read
				// and everything is resent on the next connection.
				logger.debug("resending results stopped: {}", ex.getMessage());
				break;
			}
		}
		if (resent > 0) {
			logger.info("resent {} unacknowledged command results", resent);
		}
		this.connection = current;
	}

	synchronized void detach(AgentConnection current) {
		if (this.connection == current) {
			this.connection = null;
		}
	}

	/** Sends a journalled result now if a connection is up; otherwise attach will. */
	synchronized void deliver(CommandResult result) {
		AgentConnection current = this.connection;
		if (current == null) {
			return;
		}
		try {
			sendResult(current, result);
		}
		catch (IOException ex) {
			logger.debug("result of command {} not sent, it stays in the journal: {}", result.commandId(),
					ex.getMessage());
		}
	}

	/** Sends a progress frame, or drops it if no connection is up or the send fails. */
	void sendBestEffort(AgentMessage message) {
		AgentConnection current = this.connection;
		if (current == null) {
			return;
		}
		try {
			current.send(message);
		}
		catch (IOException ex) {
			logger.debug("dropped {}: {}", message.getClass().getSimpleName(), ex.getMessage());
		}
	}

	@Override
	public void send(CommandOutput chunk) {
		sendBestEffort(chunk);
	}

	private static void sendResult(AgentConnection connection, CommandResult result) throws IOException {
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
