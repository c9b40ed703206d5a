package io.octoplane.brain.job;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.octoplane.brain.agent.AgentProperties;
import io.octoplane.brain.agent.AgentSession;
import io.octoplane.brain.agent.AgentSessions;
import io.octoplane.brain.config.BrainProperties;
import io.octoplane.brain.node.NodeService;
import io.octoplane.protocol.agent.Capabilities;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.CommandStarted;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.api.JobState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Decides what to send to which node, and when, and is the only sender of job frames.
 * Every change of a job goes through {@link #settle}, which runs the settle step and
 * dispatches again when a slot was freed. Limits are enforced by the settle script
 * itself, so decisions made on several threads or brains at once never overshoot them.
 * Work is triggered by a new job, a node connecting, a result, a cancel, and a periodic
 * tick that enforces delivery deadlines and picks up jobs after a brain restart.
 */
@Component
class Dispatcher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

	private final JobRepository repository;

	private final JobSettler settler;

	private final JobProperties properties;

	private final Clock clock;

	private final boolean serve;

	private final NodeService nodes;

	private final ReportBatcher reports;

	private final JobPlans plans;

	private final NodeFrames frames;

	/** Jobs with a dispatch submitted but not yet started. */
	private final Set<String> dispatchWaiting = ConcurrentHashMap.newKeySet();

	private @Nullable ScheduledExecutorService executor;

	Dispatcher(JobRepository repository, JobSettler settler, AgentSessions sessions, JobProperties properties,
			AgentProperties agent, BrainProperties brain, NodeService nodes, Clock clock, JobMetrics metrics) {
		this.repository = repository;
		this.settler = settler;
		this.plans = new JobPlans(repository);
		this.frames = new NodeFrames(sessions, new FrameCodec(agent.maxFrameBytes()), metrics);
		this.nodes = nodes;
		this.properties = properties;
		this.clock = clock;
		this.serve = brain.serve();
		this.reports = new ReportBatcher(this::settle);
	}

	/**
	 * A job was stored: start it. Its first states are at hand, so the first dispatch
	 * reads nothing back.
	 * @param spec the job
	 * @param first the first state of every target
	 */
	void accepted(JobSpec spec, Map<String, Delivery> first) {
		JobPlan plan = this.plans.add(spec);
		List<String> queued = new ArrayList<>();
		first.forEach((node, delivery) -> {
			if (delivery.deliveryState() == DeliveryState.QUEUED) {
				queued.add(node);
			}
		});
		submit(() -> {
			if (queued.isEmpty()) {
				settle(plan, Step.FINISH, Moves.none());
			}
			else {
				deliverQueued(plan, queued, false);
			}
		});
	}

	/**
	 * Something changed in a job (a result, a cancel): dispatch it soon. Changes that
	 * arrive while a dispatch of the job is already waiting share it, so thousands of
	 * results of one fan-out cost a few dispatches, not one each.
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

	/**
	 * A node reported that it started a command.
	 * @param node the node, from its session
	 * @param started the frame
	 */
	void started(String node, CommandStarted started) {
		plan(started.commandId()).ifPresent((plan) -> {
			long now = this.clock.millis();
			// Start instants matter for jobs that start
			// at a set instant: their spread is reported.
			Delivery running = (plan.spec().startAtMillis() > 0) ? Delivery.started(started, now)
					: Delivery.of(DeliveryState.RUNNING, null, now);
			this.reports.submit(plan, Step.STARTED, node, running);
		});
	}

	/**
	 * A node reported a result; it is stored when this returns.
	 * @param node the node, from its session
	 * @param result the frame
	 * @return whether the command is a job of that node (a result of anything else is
	 * acknowledged and dropped)
	 */
	boolean result(String node, CommandResult result) {
		Optional<JobPlan> found = plan(result.commandId());
		if (found.isEmpty()) {
			return false;
		}
		JobPlan plan = found.get();
		Delivery delivery = Delivery.of(result, this.clock.millis());
		if (plan.spec().startAtMillis() > 0) {
			// The result replaces the stored entry; keep the start instant the spread of
			// a timed job is computed from.
			Delivery before = this.repository.delivery(plan.spec().id(), node).orElse(null);
			if (before != null) {
				delivery = delivery.withStartOf(before);
			}
		}
		JobSettler.Outcome outcome = this.reports.submit(plan, Step.RESULT, node, delivery);
		return !outcome.missing() && !outcome.strangers().contains(node);
	}

	/**
	 * Whether a node may report about a command: only a target of the job may.
	 * @param id the command (job) id
	 * @param node the node, from its session
	 * @return whether the job exists and targets the node
	 */
	boolean targets(String id, String node) {
		return plan(id).map((plan) -> plan.targets(node)).orElse(false);
	}

	/**
	 * Cancels a running job: queued targets never start; the running ones held by this
	 * brain are told to stop by the next dispatch, those of other brains by theirs.
	 * @param spec the job
	 * @param reason what the nodes are told
	 * @return whether the job was running
	 */
	boolean cancel(JobSpec spec, String reason) {
		JobPlan plan = this.plans.of(spec);
		List<String> queued = new ArrayList<>();
		this.repository.deliveries(spec.id()).forEach((node, delivery) -> {
			if (delivery.deliveryState() == DeliveryState.QUEUED) {
				queued.add(node);
			}
		});
		long now = this.clock.millis();
		JobSettler.Outcome outcome = this.settler.settle(spec, Step.CANCEL, now,
				Moves.all(queued, Delivery.of(DeliveryState.CANCELLED, reason, now)));
		plan.cancelReason(reason);
		jobChanged(spec.id());
		return outcome.cancelledJob();
	}

	/**
	 * The one path of a change: settle, then dispatch again when a slot was freed.
	 */
	private JobSettler.Outcome settle(JobPlan plan, Step step, Moves moves) {
		JobSettler.Outcome outcome = this.settler.settle(plan.spec(), step, this.clock.millis(), moves);
		if (outcome.finished()) {
			forget(plan.spec().id());
			logger.info("Job {} finished", plan.spec().id());
		}
		else if (outcome.needsDispatch()) {
			jobChanged(plan.spec().id());
		}
		return outcome;
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
		this.plans.retainOnly(active);
		for (String id : active) {
			guarded(() -> dispatch(id));
		}
	}

	private void dispatch(String id) {
		Optional<JobPlan> found = plan(id);
		Optional<JobHeader> read = this.repository.header(id);
		if (found.isEmpty() || read.isEmpty()) {
			forget(id);
			this.repository.deactivate(id);
			return;
		}
		JobPlan plan = found.get();
		JobHeader header = read.get();
		if (header.state() == JobState.CANCELLED) {
			// The brain that took the cancel may not hold them; every brain sees the
			// cancelled state on its next tick.
			this.frames.cancelRunning(plan, this.repository.deliveries(id));
		}
		// With nothing queued there is nothing to deliver or expire: a result of a big
		// fan-out costs this one read, not a scan of every target.
		if (header.state() != JobState.RUNNING || header.count(DeliveryState.QUEUED) == 0) {
			if (header.pending() == 0 && header.finishedAtMillis() == null) {
				settle(plan, Step.FINISH, Moves.none());
			}
			else if (header.pending() == 0) {
				// Finished by a brain that stopped before it tidied up.
				forget(id);
				this.repository.deactivate(id);
			}
			return;
		}
		List<String> queued = new ArrayList<>();
		this.repository.deliveries(id).forEach((node, delivery) -> {
			if (delivery.deliveryState() == DeliveryState.QUEUED) {
				queued.add(node);
			}
		});
		deliverQueued(plan, queued, header.errors() > plan.spec().maxErrors());
	}

	/**
	 * Starts the queued targets that are connected here and expires those past the
	 * deadline that no brain holds. Once the error budget is spent every queued target
	 * goes through the start step, which cancels it.
	 */
	private void deliverQueued(JobPlan plan, List<String> queued, boolean overErrorBudget) {
		if (overErrorBudget) {
			start(plan, queued);
			return;
		}
		long now = this.clock.millis();
		List<String> online = new ArrayList<>();
		List<String> gone = new ArrayList<>();
		for (String node : queued) {
			if (this.frames.holds(node)) {
				online.add(node);
			}
			else if (now >= plan.spec().deliveryDeadlineMillis() && !this.nodes.isReachable(node)) {
				// Past the deadline and held by no brain at all; a node connected to
				// another brain sharing this Redis is that brain's to deliver.
				gone.add(node);
			}
		}
		if (!gone.isEmpty()) {
			settle(plan, Step.EXPIRE, Moves.all(gone, Delivery.of(DeliveryState.EXPIRED,
					"node did not come back online before the delivery deadline", now)));
		}
		if (!online.isEmpty()) {
			start(plan, online);
		}
	}

	/**
	 * Moves nodes to delivered (as far as the job's limits allow) and sends them the job.
	 */
	private void start(JobPlan plan, List<String> nodes) {
		long now = this.clock.millis();
		JobSettler.Outcome outcome = settle(plan, Step.START,
				Moves.all(nodes, Delivery.of(DeliveryState.DELIVERED, null, now)));
		this.frames.sendRun(plan, outcome.delivered(), (session) -> refuseUnsupported(plan, session));
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
			Optional<JobPlan> plan = plan(id);
			if (plan.isEmpty()) {
				continue;
			}
			switch (delivery.get().deliveryState()) {
				case DELIVERED, RUNNING -> {
					boolean cancelled = this.repository.header(id)
						.map((header) -> header.state() == JobState.CANCELLED)
						.orElse(false);
					// The node may never have received it, or ran it while the brain was
					// away.
					this.frames.resend(session, plan.get(), cancelled,
							(unable) -> refuseUnsupported(plan.get(), unable));
				}
				// The start step decides from the job's counters alone; a full dispatch
				// would read every target, and in a reconnect storm every node would.
				default -> start(plan.get(), List.of(node));
			}
		}
	}

	private void forget(String id) {
		this.plans.forget(id);
		this.frames.forget(id);
	}

	private Optional<JobPlan> plan(String id) {
		return this.plans.find(id);
	}

	/**
	 * Answers for a node whose tentacle announced no support for the job's mode: it would
	 * skip the frame and the job would wait for its timeout, so the brain settles the
	 * node as rejected now, saying why, through the same step as a node's own result.
	 */
	private void refuseUnsupported(JobPlan plan, AgentSession session) {
		long now = this.clock.millis();
		CommandMode mode = plan.spec().mode();
		logger.info("Node {} (tentacle {}) cannot run {} commands; job {} is rejected there", session.nodeName(),
				session.agentVersion(), mode.wireName(), plan.spec().id());
		result(session.nodeName(), new CommandResult(plan.spec().id(), CommandOutcome.REJECTED, -1, "", "", false, now,
				now, Capabilities.cannotRun(session.agentVersion(), mode)));
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
