package io.octoplane.brain.job;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.octoplane.brain.agent.AgentSession;
import io.octoplane.brain.agent.AgentSessions;
import io.octoplane.brain.config.BrainProperties;
import io.octoplane.brain.node.NodeService;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.CancelCommand;
import io.octoplane.protocol.agent.RunCommand;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Decides what to send to which node, and when. All decisions run on one thread, so a
 * job's concurrency limit is never overshot by two decisions racing; results only ever
 * free slots. Work is triggered by a new job, a node connecting, a result, and a periodic
 * tick that enforces delivery deadlines and picks up jobs after a brain restart.
 */
@Component
class Dispatcher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

	private final JobRepository repository;

	private final AgentSessions sessions;

	private final JobEvents events;

	private final JobViews views;

	private final JobProperties properties;

	private final Clock clock;

	private final boolean serve;

	private final NodeService nodes;

	private final JobMetrics metrics;

	/** Cancels sent to running nodes held here, so each is told once per brain. */
	private final Set<String> cancelsSent = ConcurrentHashMap.newKeySet();

	private final ConcurrentMap<String, JobSpec> specs = new ConcurrentHashMap<>();

	/** Jobs with a dispatch submitted but not yet started. */
	private final Set<String> dispatchWaiting = ConcurrentHashMap.newKeySet();

	private @Nullable ScheduledExecutorService executor;

	Dispatcher(JobRepository repository, AgentSessions sessions, JobEvents events, JobViews views,
			JobProperties properties, BrainProperties brain, NodeService nodes, Clock clock, JobMetrics metrics) {
		this.repository = repository;
		this.metrics = metrics;
		this.nodes = nodes;
		this.sessions = sessions;
		this.events = events;
		this.views = views;
		this.properties = properties;
		this.clock = clock;
		this.serve = brain.serve();
	}

	/**
	 * Something changed in a job (created, a result, a cancel): dispatch it soon. Changes
	 * that arrive while a dispatch of the job is already waiting share it, so thousands
	 * of results of one fan-out cost a few dispatches, not one each.
	 */
	void jobChanged(String id) {
		if (this.dispatchWaiting.add(id)) {
			submit(() -> {
				this.dispatchWaiting.remove(id);
				dispatch(id);
			});
		}
	}

	/** A node connected: replay its queue in order. */
	void nodeConnected(AgentSession session) {
		submit(() -> replay(session));
	}

	/** Every target of a job is final: record it and tell followers. */
	void finish(String id) {
		boolean finishedHere = this.repository.finish(id, this.clock.millis());
		this.specs.remove(id);
		this.cancelsSent.removeIf((key) -> key.startsWith(id + "\n"));
		if (finishedHere) {
			this.events.done(id, this.views.response(id));
			logger.info("Job {} finished", id);
		}
	}

	private void submit(Runnable task) {
		ScheduledExecutorService current = this.executor;
		if (current != null) {
			current.execute(() -> guarded(task));
		}
	}

	private void tick() {
		Set<String> active = this.repository.activeJobs();
		// Jobs another brain finished were never removed here: forget them now.
		this.specs.keySet().retainAll(active);
		for (String id : active) {
			guarded(() -> dispatch(id));
		}
	}

	private void dispatch(String id) {
		Optional<JobSpec> found = spec(id);
		if (found.isEmpty()) {
			return;
		}
		JobSpec spec = found.get();
		Map<String, String> header = this.repository.header(id);
		if ("cancelled".equals(header.get("state"))) {
			cancelRunningHere(spec);
		}
		// With nothing queued there is nothing to deliver or expire: a result of a big
		// fan-out costs this one read, not a scan of every target.
		if (!"running".equals(header.get("state")) || JobRepository.counter(header, DeliveryState.QUEUED) == 0) {
			finishIfDone(id, header);
			return;
		}
		boolean overErrorBudget = overErrorBudget(spec, header);
		long slots = freeSlots(spec, header);
		long now = this.clock.millis();
		Map<String, Delivery> deliveries = this.repository.deliveries(id);
		List<AgentSession> toDeliver = new ArrayList<>();
		for (String node : spec.targets()) {
			Delivery delivery = deliveries.get(node);
			if (delivery == null || delivery.deliveryState() != DeliveryState.QUEUED) {
				continue;
			}
			if (overErrorBudget) {
				settle(id, node, DeliveryState.CANCELLED,
						"not started: more than " + spec.maxErrors() + " node(s) failed (max_errors)", now);
				continue;
			}
			Optional<AgentSession> session = this.sessions.find(node);
			if (session.isPresent() && toDeliver.size() < slots) {
				toDeliver.add(session.get());
			}
			else if (session.isEmpty() && now >= spec.deliveryDeadlineMillis() && !this.nodes.isReachable(node)) {
				// Past the deadline and held by no brain at all; a node connected to
				// another brain sharing this Redis is that brain's to deliver.
				settle(id, node, DeliveryState.EXPIRED, "node did not come back online before the delivery deadline",
						now);
			}
		}
		deliver(spec, toDeliver, now);
		finishIfDone(id, this.repository.header(id));
	}

	/**
	 * Marks the chosen targets delivered and sends them the command. The slots were
	 * counted before, so the steps of different nodes may overlap.
	 */
	private void deliver(JobSpec spec, List<AgentSession> targets, long now) {
		if (targets.isEmpty()) {
			return;
		}
		RunCommand command = spec.toRunCommand();
		Delivery delivered = Delivery.of(DeliveryState.DELIVERED, null, now);
		OverlappingSteps.forEach(targets, (session) -> {
			try {
				if (this.repository
					.transition(spec.id(), session.nodeName(), DeliveryState.csv(DeliveryState.QUEUED), delivered)
					.applied()) {
					this.events.node(spec.id(), JobViews.result(session.nodeName(), delivered));
					send(session, command);
					this.metrics.sent(spec);
				}
			}
			catch (RuntimeException ex) {
				// Still queued: the next tick tries again.
				logger.warn("Cannot deliver job {} to {}: {}", spec.id(), session.nodeName(), ex.getMessage());
			}
		});
	}

	private void replay(AgentSession session) {
		String node = session.nodeName();
		for (JobRepository.QueueEntry entry : this.repository.queue(node)) {
			String id = entry.jobId();
			Optional<Delivery> delivery = this.repository.delivery(id, node);
			if (delivery.isEmpty() || delivery.get().deliveryState().isFinal()) {
				this.repository.dequeue(node, id);
				continue;
			}
			Optional<JobSpec> spec = spec(id);
			if (spec.isEmpty()) {
				continue;
			}
			switch (delivery.get().deliveryState()) {
				case DELIVERED, RUNNING -> {
					boolean cancelled = "cancelled".equals(this.repository.header(id).get("state"));
					// The node may never have received it, or ran it while the brain was
					// away; its journal answers a repeat without running it twice.
					send(session,
							cancelled ? new CancelCommand(id, "cancelled by an operator") : spec.get().toRunCommand());
				}
				default -> deliverQueued(spec.get(), session);
			}
		}
	}

	/**
	 * Delivers a queued job to one node that just connected. A full dispatch would read
	 * every target of the job, and in a reconnect storm every one of thousands of nodes
	 * would: this decides for the one node from the job's counters alone.
	 */
	private void deliverQueued(JobSpec spec, AgentSession session) {
		Map<String, String> header = this.repository.header(spec.id());
		if (!"running".equals(header.get("state"))) {
			finishIfDone(spec.id(), header);
			return;
		}
		long now = this.clock.millis();
		if (overErrorBudget(spec, header)) {
			settle(spec.id(), session.nodeName(), DeliveryState.CANCELLED,
					"not started: more than " + spec.maxErrors() + " node(s) failed (max_errors)", now);
			finishIfDone(spec.id(), this.repository.header(spec.id()));
			return;
		}
		// Without a free slot it stays queued; the result that frees one dispatches it.
		if (freeSlots(spec, header) > 0) {
			deliver(spec, List.of(session), now);
		}
	}

	private static boolean overErrorBudget(JobSpec spec, Map<String, String> header) {
		long errors = JobRepository.counter(header, DeliveryState.FAILED)
				+ JobRepository.counter(header, DeliveryState.TIMED_OUT)
				+ JobRepository.counter(header, DeliveryState.EXPIRED)
				+ JobRepository.counter(header, DeliveryState.REJECTED);
		return errors > spec.maxErrors();
	}

	/** Targets that may start now under the job's concurrency limit. */
	private static long freeSlots(JobSpec spec, Map<String, String> header) {
		return spec.maxConcurrency() - JobRepository.counter(header, DeliveryState.DELIVERED)
				- JobRepository.counter(header, DeliveryState.RUNNING);
	}

	/**
	 * Tells this brain's running targets of a cancelled job to stop. The brain that took
	 * the cancel may not hold them; every brain sees the cancelled state on its next
	 * tick.
	 */
	private void cancelRunningHere(JobSpec spec) {
		this.repository.deliveries(spec.id()).forEach((node, delivery) -> {
			DeliveryState state = delivery.deliveryState();
			if ((state == DeliveryState.DELIVERED || state == DeliveryState.RUNNING)
					&& this.cancelsSent.add(spec.id() + "\n" + node)) {
				this.sessions.find(node)
					.ifPresentOrElse((session) -> send(session, new CancelCommand(spec.id(), "cancelled")),
							() -> this.cancelsSent.remove(spec.id() + "\n" + node));
			}
		});
	}

	private void settle(String id, String node, DeliveryState state, String reason, long now) {
		Delivery delivery = Delivery.of(state, reason, now);
		JobRepository.Transition transition = this.repository.transition(id, node,
				DeliveryState.csv(DeliveryState.QUEUED), delivery);
		if (transition.applied()) {
			this.repository.dequeue(node, id);
			this.events.node(id, JobViews.result(node, delivery));
		}
	}

	private void finishIfDone(String id, Map<String, String> header) {
		long pending = JobRepository.counter(header, DeliveryState.QUEUED)
				+ JobRepository.counter(header, DeliveryState.DELIVERED)
				+ JobRepository.counter(header, DeliveryState.RUNNING);
		if (pending == 0 && !header.isEmpty()) {
			finish(id);
		}
	}

	/** Whether a job starts at a set instant (delayed or time-aligned). */
	boolean isTimed(String id) {
		return spec(id).map((spec) -> spec.startAtMillis() > 0).orElse(false);
	}

	private Optional<JobSpec> spec(String id) {
		JobSpec cached = this.specs.get(id);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<JobSpec> spec = this.repository.spec(id);
		spec.ifPresent((value) -> this.specs.put(id, value));
		return spec;
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

	private static void guarded(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			// Redis may be briefly away; the next tick tries again.
			logger.warn("Dispatch step failed: {}", ex.getMessage());
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("dispatcher").daemon().factory());
		long interval = this.properties.dispatchInterval().toMillis();
		started.scheduleWithFixedDelay(() -> guarded(this::tick), interval, interval, TimeUnit.MILLISECONDS);
		this.executor = started;
	}

	@Override
	public void stop() {
		ScheduledExecutorService current = this.executor;
		this.executor = null;
		if (current != null) {
			current.shutdownNow();
		}
	}

	@Override
	public boolean isAutoStartup() {
		return this.serve;
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
