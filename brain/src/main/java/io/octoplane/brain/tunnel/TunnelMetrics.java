package io.octoplane.brain.tunnel;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** Tunnels in Prometheus: how many are held now, opened, failed and refused. */
@Component
class TunnelMetrics {

	private final MeterRegistry registry;

	private final Counter opened;

	private final Counter failed;

	private final Counter refused;

	TunnelMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.opened = Counter.builder("octoplane.tunnels.opened")
			.description("Tunnels the nodes opened")
			.register(registry);
		this.failed = Counter.builder("octoplane.tunnels.failed")
			.description("Tunnels the nodes could not open (service unreachable, no answer)")
			.register(registry);
		this.refused = Counter.builder("octoplane.tunnels.refused")
			.description("Tunnels refused because the brain holds its maximum")
			.register(registry);
	}

	void watch(Map<String, ?> tunnels) {
		Gauge.builder("octoplane.tunnels.open", tunnels, Map::size)
			.description("Tunnels held by this brain, opening or attached")
			.register(this.registry);
	}

	void opened() {
		this.opened.increment();
	}

	void failed() {
		this.failed.increment();
	}

	void refused() {
		this.refused.increment();
	}

}
