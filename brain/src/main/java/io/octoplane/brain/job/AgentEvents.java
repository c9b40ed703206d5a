package io.octoplane.brain.job;

import java.time.Clock;

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
 * Turns what nodes report into job state. A node can only change its own entry of a job:
 * the node name comes from its session (its certificate), never from the frame.
 */
@Component
class AgentEvents implements AgentListener {

	private static final Logger logger = LoggerFactory.getLogger(AgentEvents.class);

	private final JobRepository repository;

	private final Dispatcher dispatcher;

	private final JobEvents events;

	private final Clock clock;

	AgentEvents(JobRepository repository, Dispatcher dispatcher, JobEvents events, Clock clock) {
		this.repository = repository;
		this.dispatcher = dispatcher;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void connected(AgentSession session) {
		this.dispatcher.nodeConnected(session);
	}

	@Override
	public void started(AgentSession session, CommandStarted started) {
		long now = this.clock.millis();
		// Start instants matter for jobs that start
		// at a set instant: their spread is reported.
		Delivery running = this.dispatcher.isTimed(started.commandId()) ? Delivery.started(started, now)
				: Delivery.of(DeliveryState.RUNNING, null, now);
		if (this.repository
			.transition(started.commandId(), session.nodeName(),
					DeliveryState.csv(DeliveryState.QUEUED, DeliveryState.DELIVERED), running)
			.applied()) {
			this.events.node(started.commandId(), JobViews.result(session.nodeName(), running));
		}
	}

	@Override
	public void output(AgentSession session, CommandOutput output) {
		this.events.output(output.commandId(), new NodeOutputEvent(session.nodeName(), output.stream(), output.data()));
	}

	@Override
	public void result(AgentSession session, CommandResult result) {
		String node = session.nodeName();
		String id = result.commandId();
		Delivery delivery = Delivery.of(result, this.clock.millis());
		if (this.dispatcher.isTimed(id)) {
			// The result replaces the stored entry; keep the start instant the spread of
			// a timed job is computed from.
			Delivery before = this.repository.delivery(id, node).orElse(null);
			if (before != null) {
				delivery = delivery.withStartOf(before);
			}
		}
		JobRepository.Transition transition = this.repository.transition(id, node, DeliveryState.NOT_FINAL, delivery);
		if (transition.missing()) {
			logger.info("Node {} reported command {}, which is not a job of it (or has passed its retention)", node,
					id);
			return;
		}
		if (!transition.applied()) {
			// Already final: a result resent after a reconnect. Acknowledge it again.
			return;
		}
		this.repository.dequeue(node, id);
		this.events.node(id, JobViews.result(node, delivery));
		if (transition.pending() == 0) {
			this.dispatcher.finish(id);
		}
		else {
			this.dispatcher.jobChanged(id);
		}
	}

}
