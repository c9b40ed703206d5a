package io.octoplane.brain.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Reports of many nodes are settled together, each exactly once, and failures reach the
 * sender.
 */
class ReportBatcherTests {

	private static final JobPlan PLAN = new JobPlan(JobCoreParts.spec(List.of("n1"), 1, 1, 0));

	@Test
	void concurrentReportsAreEachSettledOnceInFewerRuns() throws Exception {
		List<Moves> runs = new CopyOnWriteArrayList<>();
		CountDownLatch firstRunStarted = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ReportBatcher batcher = new ReportBatcher((plan, step, moves) -> {
			runs.add(moves);
			firstRunStarted.countDown();
			try {
				// Holds the first run so that the other reports pile up behind it.
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return outcome();
		});
		try (ExecutorService nodes = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<JobSettler.Outcome>> sent = new ArrayList<>();
			sent.add(nodes.submit(() -> batcher.submit(PLAN, Step.RESULT, "n0", delivery())));
			firstRunStarted.await();
			for (int i = 1; i <= 50; i++) {
				String node = "n" + i;
				sent.add(nodes.submit(() -> batcher.submit(PLAN, Step.RESULT, node, delivery())));
			}
			await().until(() -> batcher.waiting() == 50);
			release.countDown();
			for (Future<JobSettler.Outcome> future : sent) {
				future.get();
			}
		}
		List<String> settled = runs.stream().flatMap((moves) -> moves.nodes().stream()).toList();
		assertThat(settled).hasSize(51).doesNotHaveDuplicates();
		assertThat(runs).hasSize(2);
	}

	@Test
	void sameNodeTwiceInOneRoundIsSettledInSeparateRuns() {
		List<Moves> runs = new CopyOnWriteArrayList<>();
		ReportBatcher batcher = new ReportBatcher((plan, step, moves) -> {
			runs.add(moves);
			return outcome();
		});
		batcher.submit(PLAN, Step.RESULT, "n1", delivery());
		batcher.submit(PLAN, Step.RESULT, "n1", delivery());
		assertThat(runs).allSatisfy((moves) -> assertThat(moves.nodes()).containsExactly("n1"));
	}

	@Test
	void failureToSettleReachesTheSender() {
		ReportBatcher batcher = new ReportBatcher((plan, step, moves) -> {
			throw new IllegalStateException("redis is away");
		});
		assertThatIllegalStateException().isThrownBy(() -> batcher.submit(PLAN, Step.RESULT, "n1", delivery()))
			.withMessage("redis is away");
	}

	private static Delivery delivery() {
		return Delivery.of(DeliveryState.SUCCEEDED, null, 0);
	}

	private static JobSettler.Outcome outcome() {
		return new JobSettler.Outcome(false, Map.of(), List.of(), 1, 0, false, false, false);
	}

}
