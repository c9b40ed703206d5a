package io.octoplane.brain.job;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.octoplane.brain.node.NodeService;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Meters of command delivery: per-node outcomes, how long a command took from acceptance
 * to being sent to a node (fan-out latency), and what waits in the per-node queues. The
 * queue figures read every node's queue in Redis, so they are kept for a few seconds
 * between scrapes.
 */
@Component
class JobMetrics {

	private static final Duration FRESH_FOR = Duration.ofSeconds(5);

	private final Map<DeliveryState, Counter> outcomes = new EnumMap<>(DeliveryState.class);

	private final Timer fanOut;

	private final JobRepository repository;

	private final NodeService nodes;

	private final Clock clock;

	private JobRepository.@Nullable QueueSummary queues;

	private long summarisedAtMillis;

	JobMetrics(MeterRegistry registry, JobRepository repository, NodeService nodes, Clock clock) {
		this.repository = repository;
		this.nodes = nodes;
		this.clock = clock;
		for (DeliveryState state : DeliveryState.values()) {
			if (state.isFinal()) {
				this.outcomes.put(state,
						Counter.builder("octoplane.commands")
							.description("Commands that reached a final state on a node, by outcome")
							.tag("outcome", state.slug())
							.register(registry));
			}
		}
		// From a command sent at once to a connected node (milliseconds) to one that
		// waited for its node to come back (hours).
		this.fanOut = Timer.builder("octoplane.command.fanout")
			.description("Time from accepting a command to sending it to a node")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofHours(1))
			.register(registry);
		Gauge.builder("octoplane.queue.depth", this, (metrics) -> metrics.queues().depth())
			.description("Commands waiting in node queues (queued, or sent and not yet final)")
			.register(registry);
		Gauge.builder("octoplane.queue.oldest.age", this, JobMetrics::oldestAgeSeconds)
			.description("How long the oldest entry of any node queue has waited")
			.baseUnit("seconds")
			.register(registry);
	}

	void outcome(DeliveryState state) {
		Counter counter = this.outcomes.get(state);
		if (counter != null) {
			counter.increment();
		}
	}

	void sent(JobSpec spec) {
		this.fanOut.record(Duration.ofMillis(Math.max(0, this.clock.millis() - spec.createdAtMillis())));
	}

	private double oldestAgeSeconds() {
		long oldest = queues().oldestAddedMillis();
		return (oldest == 0) ? 0 : Math.max(0, this.clock.millis() - oldest) / 1000.0;
	}

	private synchronized JobRepository.QueueSummary queues() {
		long now = this.clock.millis();
		JobRepository.QueueSummary current = this.queues;
		if (current == null || now - this.summarisedAtMillis > FRESH_FOR.toMillis()) {
			try {
				current = this.repository.queueSummary(this.nodes.names());
			}
			catch (RuntimeException ex) {
				// Redis is away; the last figures are better than none for a few scrapes.
				return (current != null) ? current : new JobRepository.QueueSummary(0, 0);
			}
			this.queues = current;
			this.summarisedAtMillis = now;
		}
		return current;
	}

}
