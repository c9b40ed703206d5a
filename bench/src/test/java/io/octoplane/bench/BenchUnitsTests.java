package io.octoplane.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Random;

import io.octoplane.bench.sim.Backoff;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The small pieces a benchmark report is built from. */
class BenchUnitsTests {

	@Test
	void medianOfOddAndEvenCounts() {
		Samples samples = new Samples();
		for (long millis : new long[] { 5, 1, 3 }) {
			samples.add(millis * 1_000_000);
		}
		assertThat(samples.median()).isEqualTo(3.0);
		samples.add(7_000_000);
		assertThat(samples.median()).isEqualTo(4.0);
		assertThat(samples.min()).isEqualTo(1.0);
		assertThat(samples.max()).isEqualTo(7.0);
	}

	@Test
	void peerScriptOutputCountsOnlyToolsThatReachedEveryNode() {
		String output = "ansible N=100: 112.6 s\nok: 100\nparallel-ssh N=100: 26.7 s\nok: 99\n";
		assertThat(PeersBenchmark.parse(output, 100)).isEqualTo(Map.of("ansible", 112.6));
	}

	@Test
	void durationsAsPeopleWriteThem() {
		DurationConverter converter = new DurationConverter();
		assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(converter.convert("PT10S")).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void backoffGrowsWithJitterUpToItsCap() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
		Random random = new Random(42);
		for (int i = 0; i < 50; i++) {
			assertThat(backoff.delay(1, random)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
			assertThat(backoff.delay(3, random)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
			assertThat(backoff.delay(40, random)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		}
	}

}
