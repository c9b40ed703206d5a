package io.octoplane.brain.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the brain publishes on {@code /actuator/prometheus} beyond its own meters.
 *
 * @param perNodeSeries whether to publish a few series per node (last seen, connected
 * since, disk use) that per-node alerts need; a fleet of tens of thousands of nodes whose
 * Prometheus should not carry them turns this off and keeps the fleet-wide counts
 */
@ConfigurationProperties("octoplane.metrics")
public record MetricsProperties(@DefaultValue("true") boolean perNodeSeries) {

}
