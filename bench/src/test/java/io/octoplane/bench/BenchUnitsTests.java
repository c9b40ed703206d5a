package io.octoplane.bench;

import java.util.Map;

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

}
