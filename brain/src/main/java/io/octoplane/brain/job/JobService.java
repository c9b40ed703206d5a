package io.octoplane.brain.job;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.octoplane.brain.agent.AgentSessions;
import io.octoplane.brain.node.NodeService;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobListResponse;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.JobState;
import io.octoplane.server.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/** Accepts, shows and cancels command jobs. */
@Service
public class JobService {

	private static final Logger logger = LoggerFactory.getLogger(JobService.class);

	// Long enough for a node to kill its process
	// and report; short enough for an HTTP answer.
	private static final Duration CANCEL_SETTLE_LIMIT = Duration.ofSeconds(10);

	private final JobSpecFactory specs;

	private final JobRepository repository;

	private final JobViews views;

	private final Dispatcher dispatcher;

	private final JobEvents events;

	private final WorkgroupService workgroups;

	private final AgentSessions sessions;

	private final NodeService nodes;

	private final JobMetrics metrics;

	private final JobPages pages;

	JobService(JobSpecFactory specs, JobRepository repository, JobViews views, Dispatcher dispatcher, JobEvents events,
			WorkgroupService workgroups, AgentSessions sessions, NodeService nodes, JobMetrics metrics) {
		this.nodes = nodes;
		this.metrics = metrics;
		this.specs = specs;
		this.repository = repository;
		this.views = views;
		this.dispatcher = dispatcher;
		this.events = events;
		this.workgroups = workgroups;
		this.sessions = sessions;
		this.pages = new JobPages(repository, views);
	}

	/**
	 * Stores a new job; it is durable when this returns.
	 * @param request the request
	 * @param caller who asked, and in which workgroup
	 * @return the job as accepted
	 */
	public JobResponse submit(CommandRequest request, Caller caller) {
		return accept(plan(request, caller), caller.name());
	}

	/**
	 * Checks a request and makes its job, not yet stored: the targets are expanded now.
	 * @param request the request
	 * @param caller who asks, and in which workgroup
	 * @return the job, to be stored with
	 * {@link #accept(JobSpec, String, JobRepository.Follower)}
	 */
	JobSpec plan(CommandRequest request, Caller caller) {
		String workgroup = caller.workgroup();
		if (request.targets().isEmpty()) {
			throw new InvalidRequestException("targets must name at least one node");
		}
		if (request.mode() == CommandMode.NODEAPP) {
			throw new InvalidRequestException("mode nodeapp is for scenarios only: use octl scen apply");
		}
		// Selectors are expanded here, once: the job
		// keeps the nodes they matched at this moment.
		return this.specs.create(request, this.workgroups.expandTargets(workgroup, request.targets()),
				WorkgroupService.selectors(request.targets()), workgroup);
	}

	/**
	 * Stores a validated job; it is durable when this returns.
	 * @param spec the job
	 * @param callerName who asked, for the log
	 * @return the job as accepted
	 */
	JobResponse accept(JobSpec spec, String callerName) {
		return accept(spec, callerName, null);
	}

	/**
	 * Stores a validated job whose events someone already follows; it is durable when
	 * this returns.
	 * @param spec the job
	 * @param callerName who asked, for the log
	 * @param follower the follower subscribed before the job was stored, or {@code null}
	 * @return the job as accepted
	 */
	JobResponse accept(JobSpec spec, String callerName, JobRepository.@Nullable Follower follower) {
		String workgroup = spec.workgroup();
		// An invisible node is answered exactly like
		// an unknown one, so names do not leak.
		Set<String> known = this.workgroups.visibleAmong(workgroup, spec.targets());
		Map<String, Delivery> deliveries = new LinkedHashMap<>();
		long now = spec.createdAtMillis();
		for (String target : spec.targets()) {
			Delivery delivery;
			if (!known.contains(target)) {
				delivery = Delivery.of(DeliveryState.REJECTED, "no such node", now);
			}
			else if (spec.waitOfflineMillis() == 0 && this.sessions.find(target).isEmpty()
					&& !this.nodes.isReachable(target)) {
				// Held by no brain; one held by another brain sharing the Redis is
				// that brain's to deliver.
				delivery = Delivery.of(DeliveryState.EXPIRED, "node is offline", now);
			}
			else {
				delivery = Delivery.of(DeliveryState.QUEUED, null, now);
			}
			deliveries.put(target, delivery);
		}
		this.repository.create(spec, deliveries, follower);
		this.dispatcher.accepted(spec, deliveries);
		deliveries.values()
			.stream()
			.filter((delivery) -> delivery.deliveryState().isFinal())
			.forEach((delivery) -> this.metrics.outcome(delivery.deliveryState()));
		logger.info("Job {} ({}) from {} in {} to {} node(s)", spec.id(), spec.mode(), callerName, workgroup,
				spec.targets().size());
		long[] counts = new long[DeliveryState.values().length];
		deliveries.values().forEach((delivery) -> counts[delivery.deliveryState().ordinal()]++);
		return JobViews.response(spec, new JobHeader(JobState.RUNNING, counts, null, 0), deliveries);
	}

	public JobResponse get(String id, Caller caller) {
		checkVisible(id, caller);
		return this.views.response(id);
	}

	/**
	 * One page of jobs the caller may see, newest first.
	 * @param limit most jobs in the page
	 * @param cursor a previous page's {@code next_cursor}, or {@code null} for the newest
	 * @param caller the caller
	 * @param targets only jobs sent to a node this target list stands for now (names,
	 * {@code @group}s, {@code label:} selectors); empty for every job
	 * @return the page
	 */
	public JobListResponse list(int limit, @Nullable String cursor, Caller caller, List<String> targets) {
		if (targets.stream().allMatch(String::isBlank)) {
			return this.pages.list(limit, cursor, (id) -> isVisible(id, caller));
		}
		Set<String> nodes = Set.copyOf(this.workgroups.expandTargets(caller.workgroup(), targets));
		return this.pages.list(limit, cursor,
				(id) -> this.repository.spec(id)
					.filter((spec) -> WorkgroupService.isSameOrBelow(spec.workgroup(), caller.workgroup()))
					.filter((spec) -> spec.targets().stream().anyMatch(nodes::contains))
					.isPresent());
	}

	/**
	 * Fails with "no such job" unless the caller's workgroup started the job or is above
	 * the one that did.
	 * @param id the job
	 * @param caller the caller
	 */
	public void checkVisible(String id, Caller caller) {
		if (!isVisible(id, caller)) {
			throw JobViews.notFound(id);
		}
	}

	private boolean isVisible(String id, Caller caller) {
		return this.repository.spec(id)
			.map((spec) -> WorkgroupService.isSameOrBelow(spec.workgroup(), caller.workgroup()))
			.orElse(false);
	}

	/**
	 * Cancels a job: queued targets never start, running ones are told to stop. The
	 * answer waits (boundedly) until the nodes this brain told to stop have reported, so
	 * it shows them {@code cancelled} rather than still {@code running}; a node that does
	 * not answer in time, or is held by another brain, still counts as pending.
	 * @param id the job
	 * @param caller who asked
	 * @return the job after cancelling
	 */
	public JobResponse cancel(String id, Caller caller) {
		checkVisible(id, caller);
		String operator = caller.name();
		JobSpec spec = this.repository.spec(id).orElseThrow(() -> JobViews.notFound(id));
		Semaphore changed = new Semaphore(0);
		// Subscribed before anything changes, so no result slips by unseen.
		try (JobEvents.Subscription subscription = this.events.subscribe(id, (event, data) -> changed.release())) {
			if (this.dispatcher.cancel(spec, "cancelled by " + operator)) {
				logger.info("Job {} cancelled by {}", id, operator);
				awaitStopped(spec, changed);
			}
		}
		return this.views.response(spec);
	}

	/**
	 * Waits until no target this brain holds is still delivered or running, re-reading
	 * only when an event of the job arrived.
	 */
	private void awaitStopped(JobSpec spec, Semaphore changed) {
		long deadline = System.nanoTime() + CANCEL_SETTLE_LIMIT.toNanos();
		try {
			while (stillRunningHere(spec)) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || !changed.tryAcquire(remaining, TimeUnit.NANOSECONDS)) {
					return;
				}
				changed.drainPermits();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean stillRunningHere(JobSpec spec) {
		return this.repository.deliveries(spec.id()).entrySet().stream().anyMatch((entry) -> {
			DeliveryState state = entry.getValue().deliveryState();
			return (state == DeliveryState.DELIVERED || state == DeliveryState.RUNNING)
					&& this.sessions.find(entry.getKey()).isPresent();
		});
	}

}
