package io.octoplane.brain.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.octoplane.protocol.api.JobResponse;

import org.springframework.stereotype.Component;

/**
 * The one way a job's targets change state: the settle script runs (in batches of nodes),
 * then, in one pipeline, final nodes leave their queues, a finished job leaves the active
 * set, and followers get the events. Per-node events are only built and published while
 * someone follows the job's nodes; the final job ("done") while anyone follows it.
 * Callers decide what to do next from the {@link Outcome}: send the command to started
 * nodes, dispatch again when a slot was freed.
 */
@Component
class JobSettler {

	/** Nodes per script run: one run holds Redis for well under a millisecond. */
	static final int BATCH = 500;

	private final JobRepository repository;

	private final JobEvents events;

	private final JobViews views;

	private final JobMetrics metrics;

	JobSettler(JobRepository repository, JobEvents events, JobViews views, JobMetrics metrics) {
		this.repository = repository;
		this.events = events;
		this.views = views;
		this.metrics = metrics;
	}

	/**
	 * Moves nodes of a job, atomically per batch.
	 * @param spec the job
	 * @param step what happens
	 * @param now the time, epoch milliseconds
	 * @param moves the nodes and their new states
	 * @return what changed
	 */
	Outcome settle(JobSpec spec, Step step, long now, Moves moves) {
		Delivery overBudget = Delivery.of(DeliveryState.CANCELLED,
				"not started: more than " + spec.maxErrors() + " node(s) failed (max_errors)", now);
		Map<String, Delivery> applied = new LinkedHashMap<>();
		List<String> strangers = new ArrayList<>();
		Settled last = null;
		boolean finished = false;
		int from = 0;
		do {
			int to = Math.min(moves.size(), from + BATCH);
			Moves batch = (from == 0 && to == moves.size()) ? moves : slice(moves, from, to);
			Settled settled = this.repository.settle(spec, step, now, batch, overBudget);
			if (settled.missing()) {
				return Outcome.unknownJob();
			}
			for (int i = 0; i < batch.size(); i++) {
				String node = batch.nodes().get(i);
				switch (settled.codes().get(i)) {
					case Settled.MOVED -> applied.put(node, batch.delivery(node));
					case Settled.OVER_BUDGET -> applied.put(node, overBudget);
					case Settled.NOT_A_TARGET -> strangers.add(node);
					default -> {
						// Not in a state this step moves from: another step won.
					}
				}
			}
			finished |= settled.finished();
			last = settled;
			from = to;
		}
		while (from < moves.size());
		List<String> dequeue = new ArrayList<>();
		applied.forEach((node, delivery) -> {
			DeliveryState state = delivery.deliveryState();
			if (state.isFinal()) {
				this.metrics.outcome(state);
				dequeue.add(node);
			}
		});
		List<String> messages = new ArrayList<>();
		if (last.followers() > 0) {
			if (!applied.isEmpty() && last.nodeFollowers()) {
				messages.add(this.events.nodes(applied));
			}
			if (finished) {
				JobResponse done = this.views.response(spec);
				messages.add(this.events.message("done", done));
			}
		}
		this.repository.tidy(spec.id(), dequeue, finished, messages);
		return new Outcome(false, applied, strangers, last.pending(), last.queued(), finished, last.cancelledJob(),
				step.freesSlot() && !applied.isEmpty());
	}

	private static Moves slice(Moves moves, int from, int to) {
		List<String> nodes = moves.nodes().subList(from, to);
		Delivery shared = moves.shared();
		if (shared != null) {
			return Moves.all(nodes, shared);
		}
		Map<String, Delivery> each = new LinkedHashMap<>();
		nodes.forEach((node) -> each.put(node, moves.delivery(node)));
		return new Moves(nodes, null, each);
	}

	/**
	 * What a settle step changed.
	 *
	 * @param missing whether the job does not exist (any more)
	 * @param applied the nodes that moved, in order, with their new state
	 * @param strangers nodes named that are not targets of the job
	 * @param pending targets not yet final afterwards
	 * @param queued targets still queued afterwards
	 * @param finished whether this step finished the job
	 * @param cancelledJob whether this step cancelled the job
	 * @param freedSlot whether a node left a running state, so a queued one may start
	 */
	record Outcome(boolean missing, Map<String, Delivery> applied, List<String> strangers, long pending, long queued,
			boolean finished, boolean cancelledJob, boolean freedSlot) {

		static Outcome unknownJob() {
			return new Outcome(true, Map.of(), List.of(), 0, 0, false, false, false);
		}

		/** Whether a later dispatch may have work: a slot freed while nodes wait. */
		boolean needsDispatch() {
			return this.freedSlot && this.queued > 0;
		}

		/** Nodes this step sent on their way (moved to delivered). */
		List<String> delivered() {
			List<String> nodes = new ArrayList<>();
			this.applied.forEach((node, delivery) -> {
				if (delivery.deliveryState() == DeliveryState.DELIVERED) {
					nodes.add(node);
				}
			});
			return nodes;
		}

	}

}
