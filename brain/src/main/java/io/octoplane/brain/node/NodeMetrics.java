package io.octoplane.brain.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.octoplane.brain.metrics.MetricsProperties;
import io.octoplane.protocol.api.NodeState;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Publishes {@code octoplane_nodes{state}}: the fleet by state, as every brain sharing
 * the Redis sees it, and, unless turned off, three series per node that per-node alerts
 * need: when it was last heard from, when its connection started (a flapping node's
 * changes often) and how full its disk is. The counts come from the liveness index (O(log
 * n)); the per-node series read every node's hash, so the figures are kept for a few
 * seconds: several Prometheus servers or a fast scrape interval cost Redis one pass, not
 * one per scrape. Per-node series follow that pass, so a node that just appeared shows
 * from the next scrape on.
 */
@Component
class NodeMetrics {

	static final Duration FRESH_FOR = Duration.ofSeconds(5);

	private final NodeRepository repository;

	private final Clock clock;

	private final @Nullable PerNodeSeries perNode;

	private @Nullable Map<NodeState, Long> counts;

	private Instant countedAt = Instant.MIN;

	NodeMetrics(NodeRepository repository, Clock clock, MeterRegistry registry, MetricsProperties properties) {
		this.repository = repository;
		this.clock = clock;
		this.perNode = properties.perNodeSeries() ? new PerNodeSeries(registry) : null;
		for (NodeState state : NodeState.values()) {
			Gauge.builder("octoplane.nodes", this, (metrics) -> metrics.count(state))
				.description("Known nodes by state (online, unstable, offline)")
				.tag("state", state.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
	}

	private synchronized double count(NodeState state) {
		Instant now = this.clock.instant();
		if (this.counts == null || now.isAfter(this.countedAt.plus(FRESH_FOR))) {
			try {
				Map<NodeState, Long> fresh = this.repository.counts(now);
				if (this.perNode != null) {
					this.perNode.update(this.repository.findAll());
				}
				this.counts = fresh;
				this.countedAt = now;
			}
			catch (RuntimeException ex) {
				// Redis is away: say "unknown" rather than a stale or a zero count.
				this.counts = null;
				if (this.perNode != null) {
					this.perNode.forget();
				}
				return Double.NaN;
			}
		}
		Map<NodeState, Long> current = this.counts;
		return (current != null) ? current.getOrDefault(state, 0L) : Double.NaN;
	}

}
