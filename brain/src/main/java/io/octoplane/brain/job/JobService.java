package io.octoplane.brain.job;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.octoplane.brain.agent.AgentSessions;
import io.octoplane.brain.node.NodeService;
import io.octoplane.protocol.agent.CancelCommand;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobListResponse;
import io.octoplane.protocol.api.JobResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/** Accepts, shows and cancels command jobs. */
@Service
class JobService {

	private static final Logger logger = LoggerFactory.getLogger(JobService.class);

	private final JobSpecFactory specs;

	private final JobRepository repository;

	private final JobViews views;

	private final Dispatcher dispatcher;

	private final JobEvents events;

	private final NodeService nodes;

	private final AgentSessions sessions;

	private final Clock clock;

	JobService(JobSpecFactory specs, JobRepository repository, JobViews views, Dispatcher dispatcher, JobEvents events,
			NodeService nodes, AgentSessions sessions, Clock clock) {
		this.specs = specs;
		this.repository = repository;
		this.views = views;
		this.dispatcher = dispatcher;
		this.events = events;
		this.nodes = nodes;
		this.sessions = sessions;
		this.clock = clock;
	}

	/**
	 * Stores a new job; it is durable when this returns.
	 * @param request the request
	 * @param operator who asked, for the log
	 * @return the job as accepted
	 */
	JobResponse submit(CommandRequest request, String operator) {
		JobSpec spec = this.specs.create(request);
		Set<String> known = this.nodes.names();
		Map<String, Delivery> deliveries = new LinkedHashMap<>();
		long now = spec.createdAtMillis();
		for (String target : spec.targets()) {
			Delivery delivery;
			if (!known.contains(target)) {
				delivery = Delivery.of(DeliveryState.REJECTED, "no such node", now);
			}
			else if (spec.waitOfflineMillis() == 0 && this.sessions.find(target).isEmpty()) {
				delivery = Delivery.of(DeliveryState.EXPIRED,
						"node is offline (set wait_offline_seconds to wait for it to come back)", now);
			}
			else {
				delivery = Delivery.of(DeliveryState.QUEUED, null, now);
			}
			deliveries.put(target, delivery);
		}
		this.repository.create(spec, deliveries);
		logger.info("Job {} ({}) from {} to {} node(s)", spec.id(), spec.mode(), operator, spec.targets().size());
		this.dispatcher.jobChanged(spec.id());
		return this.views.response(spec.id());
	}

	JobResponse get(String id) {
		return this.views.response(id);
	}

	JobListResponse list(int limit) {
		List<String> ids = this.repository.recentJobs(limit);
		return new JobListResponse(ids.stream().flatMap((id) -> this.views.summary(id).stream()).toList());
	}

	/**
	 * Cancels a job: queued targets never start, running ones are told to stop.
	 * @param id the job
	 * @param operator who asked, for the log
	 * @return the job after cancelling
	 */
	JobResponse cancel(String id, String operator) {
		JobSpec spec = this.repository.spec(id).orElseThrow(() -> JobViews.notFound(id));
		if (this.repository.cancel(id)) {
			logger.info("Job {} cancelled by {}", id, operator);
			String reason = "cancelled by " + operator;
			long now = this.clock.millis();
			this.repository.deliveries(id).forEach((node, delivery) -> {
				switch (delivery.deliveryState()) {
					case QUEUED -> {
						Delivery cancelled = Delivery.of(DeliveryState.CANCELLED, reason, now);
						if (this.repository.transition(id, node, DeliveryState.csv(DeliveryState.QUEUED), cancelled)
							.applied()) {
							this.repository.dequeue(node, id);
							this.events.node(id, JobViews.result(node, cancelled));
						}
					}
					case DELIVERED, RUNNING -> this.sessions.find(node).ifPresent((session) -> {
						try {
							session.send(new CancelCommand(spec.id(), reason));
						}
						catch (IOException ex) {
							// Told again when the node reconnects (see
							// Dispatcher#replay).
						}
					});
					default -> {
					}
				}
			});
			this.dispatcher.jobChanged(id);
		}
		return this.views.response(id);
	}

}
