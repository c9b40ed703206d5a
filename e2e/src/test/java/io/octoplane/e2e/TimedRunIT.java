package io.octoplane.e2e;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.tentacle.Tentacle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delayed and time-aligned runs against a real brain and tentacles whose clocks are set
 * seconds apart. Each node prints the system time when its command started; all nodes
 * share this machine's real clock, so those prints show when they truly started, whatever
 * their skewed tentacle clocks believed.
 */
class TimedRunIT extends InProcessFleetTest {

	private static final int NODES = 20;

	@Test
	void timeAlignedRunStartsTogetherDespiteSkewedNodeClocks() throws Exception {
		// 20 nodes whose clocks run from 3 s behind to 2.7 s ahead of the brain's.
		List<String> nodes = new ArrayList<>();
		for (int i = 0; i < NODES; i++) {
			String name = String.format("skew%02d", i);
			nodes.add(name);
			startMeasured(name, Clock.offset(Clock.systemUTC(), Duration.ofMillis(i * 300L - 3000)));
		}
		JobResponse done = awaitDone(this.client.jobs()
			.submit(new CommandRequest(nodes, CommandMode.SHELL, "date +%s%3N", 30L, null, null, null, null, null, null,
					null, true, 200L))
			.id());
		assertThat(done.results()).extracting(NodeCommandResult::state).containsOnly("succeeded");
		assertThat(done.startAt()).isNotNull();
		assertThat(done.startSpreadMillis()).isNotNull();
		assertThat(done.clockErrorMillis()).isNotNull().isBetween(0L, 200L);
		List<Long> trueStarts = done.results()
			.stream()
			.map((result) -> Long.parseLong(result.output().strip()))
			.toList();
		long trueSpread = trueStarts.stream().mapToLong(Long::longValue).max().getAsLong()
				- trueStarts.stream().mapToLong(Long::longValue).min().getAsLong();
		System.out.printf(
				"time-aligned run on %d nodes with clocks 5.7 s apart: reported spread %d ms, clock error "
						+ "up to %d ms, true spread %d ms%n",
				nodes.size(), done.startSpreadMillis(), done.clockErrorMillis(), trueSpread);
		// Uncorrected, the skewed clocks would start 5.7 s apart. The bound is loose
		// because process start-up on a busy machine adds its own spread; the figures
		// on an idle machine are in docs/benchmarks.md.
		assertThat(trueSpread).isLessThan(2500);
		assertThat(done.startSpreadMillis()).isLessThan(2500);
		for (long trueStart : trueStarts) {
			// No node starts before the instant (less its clock uncertainty).
			assertThat(trueStart).isGreaterThanOrEqualTo(done.startAt().toEpochMilli() - done.clockErrorMillis() - 1);
		}
	}

	@Test
	void delayedRunFiresAfterTheDelayAndReportsItsResult() throws Exception {
		startMeasured("later01", Clock.systemUTC());
		JobResponse accepted = this.client.jobs()
			.submit(new CommandRequest(List.of("later01"), CommandMode.SHELL, "date +%s%3N", 30L, null, null, null,
					null, null, null, 1500L, null, null));
		assertThat(accepted.startAt()).isEqualTo(accepted.createdAt().plusMillis(1500));
		JobResponse done = awaitDone(accepted.id());
		assertThat(done.results().get(0).state()).isEqualTo("succeeded");
		long ranAt = Long.parseLong(done.results().get(0).output().strip());
		assertThat(ranAt).isGreaterThanOrEqualTo(accepted.startAt().toEpochMilli() - 50);
		assertThat(done.startSpreadMillis()).isNull();
	}

	@Test
	void delayedRunCancelledBeforeItFiresNeverRuns() throws Exception {
		startMeasured("cancel01", Clock.systemUTC());
		JobResponse accepted = this.client.jobs()
			.submit(new CommandRequest(List.of("cancel01"), CommandMode.SHELL, "touch fired", 30L, null, null, null,
					null, null, null, 600_000L, null, null));
		await().atMost(WAIT)
			.until(() -> "delivered".equals(this.client.jobs().get(accepted.id()).results().get(0).state()));
		this.client.jobs().cancel(accepted.id());
		JobResponse done = awaitDone(accepted.id());
		assertThat(done.results().get(0).state()).isEqualTo("cancelled");
		assertThat(this.work.resolve("cancel01").toFile().list()).doesNotContain("fired");
	}

	@Test
	void badTimingFieldsAreRefusedBeforeAnythingIsQueued() {
		startMeasured("strict01", Clock.systemUTC());
		assertThat(submitError(new CommandRequest(List.of("strict01"), CommandMode.SHELL, "true", 30L, null, null, null,
				null, null, null, -5L, null, null)))
			.contains("start_delay_ms");
		assertThat(submitError(new CommandRequest(List.of("strict01"), CommandMode.SHELL, "true", 30L, null, null, null,
				null, null, null, null, true, 0L)))
			.contains("max_clock_error_ms");
	}

	private String submitError(CommandRequest request) {
		try {
			this.client.jobs().submit(request);
		}
		catch (RuntimeException ex) {
			return ex.getMessage();
		}
		throw new AssertionError("the brain accepted " + request);
	}

	private void startMeasured(String name, Clock clock) {
		Tentacle tentacle = this.fleet.start(name, agentPort(), clock);
		await().atMost(WAIT).until(() -> tentacle.brainClock().errorMillis().isPresent());
	}

}
