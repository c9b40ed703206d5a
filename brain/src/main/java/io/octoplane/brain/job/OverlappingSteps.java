package io.octoplane.brain.job;

import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the same step for many nodes of one job with a bounded number in flight, on
 * virtual threads. Steps that each wait for one Redis round trip or one TLS write then
 * overlap: the Redis client pipelines commands issued at the same time on its shared
 * connection, so a fan-out to thousands of nodes costs a few round trips of latency
 * instead of one per node.
 */
final class OverlappingSteps {

	/** Most steps in flight at once. */
	static final int MAX_IN_FLIGHT = 256;

	private OverlappingSteps() {
	}

	/**
	 * Runs the step for every item and returns when all are done.
	 * @param <T> the item type
	 * @param items the items
	 * @param step what to do with one item
	 * @throws RuntimeException the first failure of a step, after all steps ran
	 */
	static <T> void forEach(Collection<T> items, Consumer<T> step) {
		if (items.size() == 1) {
			step.accept(items.iterator().next());
			return;
		}
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (T item : items) {
				inFlight.acquireUninterruptibly();
				executor.execute(() -> {
					try {
						step.accept(item);
					}
					catch (RuntimeException ex) {
						failure.compareAndSet(null, ex);
					}
					finally {
						inFlight.release();
					}
				});
			}
		}
		RuntimeException first = failure.get();
		if (first != null) {
			throw first;
		}
	}

}
