package io.octoplane.brain.agent;

import io.octoplane.protocol.agent.CommandOutput;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.CommandStarted;

/**
 * What the agent endpoint reports to the features that use it. It keeps the endpoint free
 * of knowledge about jobs, queues and storage.
 */
public interface AgentListener {

	/**
	 * A node completed its handshake; what is queued for it can be sent now.
	 * @param session the node's new session
	 */
	void connected(AgentSession session);

	/**
	 * A node started a command.
	 * @param session the node's session
	 * @param started the frame
	 */
	void started(AgentSession session, CommandStarted started);

	/**
	 * A node sent live output of a command.
	 * @param session the node's session
	 * @param output the frame
	 */
	void output(AgentSession session, CommandOutput output);

	/**
	 * A node reported a result. The listener must store it durably before returning; only
	 * then does the session acknowledge it to the node. Throwing leaves the result
	 * unacknowledged, so the node sends it again after it reconnects.
	 * @param session the node's session
	 * @param result the frame
	 */
	void result(AgentSession session, CommandResult result);

}
