package io.octoplane.brain.metrics;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts refusals by reason. Every reason is registered at start-up with zero, so a
 * dashboard or an alert on {@code rate(...)} sees the series before the first refusal.
 */
@Component
public class Refusals {

	private final Map<RefusalReason, Counter> counters = new EnumMap<>(RefusalReason.class);

	Refusals(MeterRegistry registry) {
		for (RefusalReason reason : RefusalReason.values()) {
			this.counters.put(reason,
					Counter.builder("octoplane.refusals")
						.description("Connections and requests the brain turned away, by reason")
						.tag("reason", reason.slug())
						.register(registry));
		}
	}

	/**
	 * Counts one refusal.
	 * @param reason why
	 */
	public void count(RefusalReason reason) {
		this.counters.get(reason).increment();
	}

}
