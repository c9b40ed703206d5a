package io.octoplane.brain.node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.octoplane.protocol.agent.NodeStatus;
import org.jspecify.annotations.Nullable;

/**
 * Per-node gauges, one row per known node, refreshed from each pass over the fleet:
 * {@code octoplane_node_last_seen_timestamp_seconds},
 * {@code octoplane_node_connected_timestamp_seconds} and
 * {@code octoplane_node_disk_usage_ratio} (only for nodes that reported a status). Rows
 * read the latest pass when scraped, so a pass re-registers only nodes that appeared or
 * went away, not the whole fleet.
 */
final class PerNodeSeries {

	private final MultiGauge lastSeen;

	private final MultiGauge connectedSince;

	private final MultiGauge diskUsage;

	private volatile Map<String, NodeRecord> latest = Map.of();

	PerNodeSeries(MeterRegistry registry) {
		this.lastSeen = MultiGauge.builder("octoplane.node.last.seen.timestamp")
			.description("When the node was last heard from, epoch seconds")
			.baseUnit("seconds")
			.register(registry);
		this.connectedSince = MultiGauge.builder("octoplane.node.connected.timestamp")
			.description("When the node's current or last connection started, epoch seconds")
			.baseUnit("seconds")
			.register(registry);
		this.diskUsage = MultiGauge.builder("octoplane.node.disk.usage")
			.description("Used share of the node's workspace disk, 0 to 1, from its latest status")
			.baseUnit("ratio")
			.register(registry);
	}

	void update(List<NodeRecord> nodes) {
		Map<String, NodeRecord> byName = new HashMap<>();
		for (NodeRecord node : nodes) {
			byName.put(node.name(), node);
		}
		this.latest = byName;
		this.lastSeen.register(rows(nodes, (node) -> node.lastSeen() != null, PerNodeSeries::lastSeenSeconds), false);
		this.connectedSince.register(rows(nodes, (node) -> node.connectedAt() != null, PerNodeSeries::connectedSeconds),
				false);
		this.diskUsage.register(rows(nodes, (node) -> diskKnown(node.status()), PerNodeSeries::diskRatio), false);
	}

	/**
	 * Makes every row unknown (NaN) until the next pass: figures that Redis can no longer
	 * confirm would otherwise age into "silent for an hour" alerts.
	 */
	void forget() {
		this.latest = Map.of();
	}

	private List<MultiGauge.Row<?>> rows(List<NodeRecord> nodes, Predicate<NodeRecord> known,
			ToDoubleFunction<NodeRecord> value) {
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		for (NodeRecord node : nodes) {
			if (known.test(node)) {
				String name = node.name();
				// The row holds this object, which outlives every row, and reads the
				// latest pass: a node's value changes without re-registering its row.
				rows.add(MultiGauge.Row.of(Tags.of("node", name), this, (series) -> series.read(name, value)));
			}
		}
		return rows;
	}

	private double read(String name, ToDoubleFunction<NodeRecord> value) {
		NodeRecord node = this.latest.get(name);
		return (node != null) ? value.applyAsDouble(node) : Double.NaN;
	}

	private static double lastSeenSeconds(NodeRecord node) {
		return seconds(node.lastSeen());
	}

	private static double connectedSeconds(NodeRecord node) {
		return seconds(node.connectedAt());
	}

	private static double seconds(@Nullable Instant instant) {
		return (instant != null) ? instant.toEpochMilli() / 1000.0 : Double.NaN;
	}

	private static boolean diskKnown(@Nullable NodeStatus status) {
		return status != null && status.diskTotalBytes() > 0;
	}

	private static double diskRatio(NodeRecord node) {
		NodeStatus status = node.status();
		return (status != null && status.diskTotalBytes() > 0)
				? (double) status.diskUsedBytes() / status.diskTotalBytes() : Double.NaN;
	}

}
