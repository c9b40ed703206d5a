package io.octoplane.tentacle.connection;

import io.octoplane.protocol.agent.CancelCommand;
import io.octoplane.protocol.agent.ResultAck;
import io.octoplane.protocol.agent.RunCommand;

/**
 * Receives the brain's command frames from {@link AgentConnection#run}, in the order they
 * arrived. Called on the connection's reader thread: implementations hand the frame off
 * and return at once, or heartbeats and dead-link detection stall.
 */
public interface CommandListener {

	/**
	 * A command to run (possibly a redelivery of one already seen).
	 * @param command the command
	 */
	void run(RunCommand command);

	/**
	 * A command to cancel.
	 * @param cancel the cancel
	 */
	void cancel(CancelCommand cancel);

	/**
	 * The brain stored a result.
	 * @param ack the acknowledgement
	 */
	void acknowledged(ResultAck ack);

}
