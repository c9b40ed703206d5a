package io.octoplane.brain.job;

import io.octoplane.brain.agent.AgentListener;
import io.octoplane.brain.agent.AgentSession;
import io.octoplane.protocol.agent.CommandOutput;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.CommandStarted;
import io.octoplane.protocol.api.NodeOutputEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Turns what nodes report into job state. A node can only speak about its own entry of a
 * job it is a target of: the node name comes from its session (its certificate), never
 * from the frame, and a frame about a job that does not target the node changes nothing.
 */
@Component
class AgentEvents implements AgentListener {

	private static final Logger logger = LoggerFactory.getLogger(AgentEvents.class);

	private final Dispatcher dispatcher;

	private final JobEvents events;

	AgentEvents(Dispatcher dispatcher, JobEvents events) {
		this.dispatcher = dispatcher;
		this.events = events;
	}

	@Override
	public void connected(AgentSession session) {
		this.dispatcher.nodeConnected(session);
	}

	@Override
	public void started(AgentSession session, CommandStarted started) {
		// The settle step moves only a target's own entry; anything else is ignored.
		this.dispatcher.started(session.nodeName(), started);
	}

	@Override
	public void output(AgentSession session, CommandOutput output) {
		String node = session.nodeName();
		if (!this.dispatcher.targets(output.commandId(), node)) {
			logger.info("Dropping output of node {} for command {}, which is not a job of it", node,
					output.commandId());
			return;
		}
		this.events.output(output.commandId(), new NodeOutputEvent(node, output.stream(), output.data()));
	}

	@Override
	public void result(AgentSession session, CommandResult result) {
		String node = session.nodeName();
		if (!this.dispatcher.result(node, result)) {
			// Acknowledged all the same: resending it would change nothing.
			logger.info("Node {} reported command {}, which is not a job of it (or has passed its retention)", node,
					result.commandId());
		}
	}

}
