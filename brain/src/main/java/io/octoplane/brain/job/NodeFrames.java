package io.octoplane.brain.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.octoplane.brain.agent.AgentSession;
import io.octoplane.brain.agent.AgentSessions;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.CancelCommand;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends jobs' frames to the nodes this brain holds: a job's command, encoded once for all
 * its nodes, and cancels, each told once per node. A node not held here is skipped: the
 * brain that holds it sends, and a frame lost with a link is sent again on reconnect.
 */
final class NodeFrames {

	private static final Logger logger = LoggerFactory.getLogger(NodeFrames.class);

	private final AgentSessions sessions;

	private final FrameCodec codec;

	private final JobMetrics metrics;

	/** Cancels sent to running nodes held here, so each is told once per brain. */
	private final Set<String> cancelsSent = ConcurrentHashMap.newKeySet();

	NodeFrames(AgentSessions sessions, FrameCodec codec, JobMetrics metrics) {
		this.sessions = sessions;
		this.codec = codec;
		this.metrics = metrics;
	}

	/** Whether this brain holds the node's connection. */
	boolean holds(String node) {
		return this.sessions.find(node).isPresent();
	}

	/**
	 * Sends the job's command to those of the nodes held here, overlapping the writes.
	 * @param plan the job
	 * @param nodes the nodes just moved to delivered
	 * @param cannotRun told of each node whose tentacle did not announce the job's mode
	 */
	void sendRun(JobPlan plan, Collection<String> nodes, Consumer<AgentSession> cannotRun) {
		List<AgentSession> targets = new ArrayList<>();
		for (String node : nodes) {
			this.sessions.find(node).ifPresent((session) -> {
				if (session.runs(plan.spec().mode())) {
					targets.add(session);
				}
				else {
					cannotRun.accept(session);
				}
			});
		}
		if (targets.isEmpty()) {
			return;
		}
		byte[] frame;
		try {
			frame = plan.runFrame(this.codec);
		}
		catch (ProtocolException ex) {
			// Validated at acceptance; a frame that still cannot be encoded reaches no
			// node.
			logger.warn("Cannot encode job {}: {}", plan.spec().id(), ex.getMessage());
			return;
		}
		OverlappingSteps.forEach(targets, (session) -> {
			try {
				session.sendEncoded(frame);
				this.metrics.sent(plan.spec());
			}
			catch (IOException ex) {
				// The link is going down; the node gets it again when it reconnects.
				logger.info("Cannot send to {} now: {}", session.nodeName(), ex.getMessage());
			}
		});
	}

	/**
	 * Sends a reconnected node the job it may have missed: the command, or the cancel if
	 * the job was cancelled meanwhile. The node's journal answers a command it already
	 * ran without running it twice.
	 */
	void resend(AgentSession session, JobPlan plan, boolean cancelled, Consumer<AgentSession> cannotRun) {
		if (cancelled) {
			send(session, new CancelCommand(plan.spec().id(), plan.cancelReason()));
		}
		else if (session.runs(plan.spec().mode())) {
			send(session, plan.spec().toRunCommand());
		}
		else {
			cannotRun.accept(session);
		}
	}

	/**
	 * Tells the delivered and running targets of a cancelled job held here to stop, each
	 * once.
	 * @param plan the job
	 * @param deliveries every target's delivery
	 */
	void cancelRunning(JobPlan plan, Map<String, Delivery> deliveries) {
		String id = plan.spec().id();
		deliveries.forEach((node, delivery) -> {
			DeliveryState state = delivery.deliveryState();
			if ((state == DeliveryState.DELIVERED || state == DeliveryState.RUNNING)
					&& this.cancelsSent.add(key(id, node))) {
				this.sessions.find(node)
					.ifPresentOrElse((session) -> send(session, new CancelCommand(id, plan.cancelReason())),
							() -> this.cancelsSent.remove(key(id, node)));
			}
		});
	}

	/** Forgets the cancels sent for a finished job. */
	void forget(String id) {
		this.cancelsSent.removeIf((key) -> key.startsWith(id + "\n"));
	}

	private static String key(String id, String node) {
		return id + "\n" + node;
	}

	private static void send(AgentSession session, BrainMessage message) {
		try {
			session.send(message);
		}
		catch (IOException ex) {
			// The link is going down; the node gets it again when it reconnects.
			logger.info("Cannot send to {} now: {}", session.nodeName(), ex.getMessage());
		}
	}

}
