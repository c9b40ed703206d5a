package io.octoplane.brain.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code octoplane_brain_ready}: 1 while the readiness group (the application
 * and its Redis) is up, else 0. A brain that runs but cannot reach Redis still answers a
 * scrape, so an alert can tell "not ready" from "down" ({@code up == 0}).
 */
@Component
class ReadinessGauge {

	private final ObjectProvider<HealthEndpoint> health;

	ReadinessGauge(ObjectProvider<HealthEndpoint> health, MeterRegistry registry) {
		this.health = health;
		Gauge.builder("octoplane.brain.ready", this, ReadinessGauge::ready)
			.description("1 while the brain's readiness checks (application and Redis) pass, else 0")
			.register(registry);
	}

	private double ready() {
		HealthEndpoint endpoint = this.health.getIfAvailable();
		if (endpoint == null) {
			return Double.NaN;
		}
		HealthDescriptor readiness = endpoint.healthForPath("readiness");
		return (readiness != null && Status.UP.equals(readiness.getStatus())) ? 1 : 0;
	}

}
