package io.octoplane.brain.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles what nodes report (started, results) in batches. Each node's session thread
 * hands its report over and waits until it is stored; one worker takes every report
 * waiting at that moment and settles those of one job and step in one run of the settle
 * script. A lone report costs a hand-over to the worker; the results of a fan-out to
 * thousands of nodes cost a few script runs instead of one each.
 */
final class ReportBatcher {

	private static final Logger logger = LoggerFactory.getLogger(ReportBatcher.class);

	/** Most reports taken in one round; more wait for the next. */
	private static final int MAX_ROUND = 4 * JobSettler.BATCH;

	private final LinkedBlockingQueue<Report> queue = new LinkedBlockingQueue<>();

	private final Settle settle;

	ReportBatcher(Settle settle) {
		this.settle = settle;
		Thread.ofVirtual().name("job-reports").start(this::run);
	}

	/**
	 * Settles one node's report and returns once it is stored.
	 * @param plan the job
	 * @param step {@link Step#STARTED} or {@link Step#RESULT}
	 * @param node the node
	 * @param delivery its new state
	 * @return the outcome of the batch the report was settled in
	 * @throws RuntimeException if the batch could not be settled (Redis is away)
	 */
	JobSettler.Outcome submit(JobPlan plan, Step step, String node, Delivery delivery) {
		Report report = new Report(plan, step, node, delivery, new CompletableFuture<>());
		this.queue.add(report);
		try {
			return report.done().join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/** Reports handed over and not yet taken by the worker. */
	int waiting() {
		return this.queue.size();
	}

	private void run() {
		List<Report> round = new ArrayList<>();
		while (true) {
			try {
				round.add(this.queue.take());
			}
			catch (InterruptedException ex) {
				return;
			}
			this.queue.drainTo(round, MAX_ROUND - 1);
			for (List<Report> group : groups(round)) {
				settle(group);
			}
			round.clear();
		}
	}

	/**
	 * Reports of one job and step, in arrival order; a node named twice (a result sent
	 * again) goes into a later group, so each group moves a node at most once.
	 */
	private static List<List<Report>> groups(List<Report> round) {
		Map<String, List<List<Report>>> byKey = new LinkedHashMap<>();
		List<List<Report>> groups = new ArrayList<>();
		for (Report report : round) {
			List<List<Report>> candidates = byKey
				.computeIfAbsent(report.plan().spec().id() + "\n" + report.step().name(), (key) -> new ArrayList<>());
			List<Report> target = null;
			for (List<Report> candidate : candidates) {
				if (candidate.stream().noneMatch((other) -> other.node().equals(report.node()))) {
					target = candidate;
					break;
				}
			}
			if (target == null) {
				target = new ArrayList<>();
				candidates.add(target);
				groups.add(target);
			}
			target.add(report);
		}
		return groups;
	}

	private void settle(List<Report> group) {
		Report first = group.get(0);
		List<String> nodes = new ArrayList<>(group.size());
		Map<String, Delivery> each = new LinkedHashMap<>();
		for (Report report : group) {
			nodes.add(report.node());
			each.put(report.node(), report.delivery());
		}
		try {
			JobSettler.Outcome outcome = this.settle.apply(first.plan(), first.step(), new Moves(nodes, null, each));
			group.forEach((report) -> report.done().complete(outcome));
		}
		catch (RuntimeException ex) {
			logger.debug("Cannot settle {} report(s) of job {}: {}", group.size(), first.plan().spec().id(),
					ex.getMessage());
			group.forEach((report) -> report.done().completeExceptionally(ex));
		}
	}

	/** The settle step the batches go through. */
	@FunctionalInterface
	interface Settle {

		JobSettler.Outcome apply(JobPlan plan, Step step, Moves moves);

	}

	private record Report(JobPlan plan, Step step, String node, Delivery delivery,
			CompletableFuture<JobSettler.Outcome> done) {

	}

}
