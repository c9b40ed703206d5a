package io.octoplane.brain.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles what nodes report (started, results) in batches, by combining: each node's
 * session thread queues its report; whichever thread gets the lock settles every report
 * queued at that moment, those of one job and step in one run of the settle script, while
 * the others wait for theirs. A lone report is settled on its own thread at once; the
 * results of a fan-out to thousands of nodes cost a few script runs instead of one each.
 */
final class ReportBatcher {

	private static final Logger logger = LoggerFactory.getLogger(ReportBatcher.class);

	/** Most reports settled in one round; more go into the next. */
	private static final int MAX_ROUND = 4 * JobSettler.BATCH;

	private final ConcurrentLinkedQueue<Report> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final ReentrantLock combining = new ReentrantLock();

	private final Settle settle;

	ReportBatcher(Settle settle) {
		this.settle = settle;
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
		this.queued.incrementAndGet();
		// A thread that fails to get the lock leaves its report to the holder, which
		// looks at the queue again after unlocking, so no report is left behind.
		while (!this.queue.isEmpty() && this.combining.tryLock()) {
			try {
				drain();
			}
			finally {
				this.combining.unlock();
			}
		}
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

	/** Reports queued and not yet taken for settling. */
	int waiting() {
		return this.queued.get();
	}

	private void drain() {
		List<Report> round = new ArrayList<>();
		while (true) {
			Report next;
			while (round.size() < MAX_ROUND && (next = this.queue.poll()) != null) {
				this.queued.decrementAndGet();
				round.add(next);
			}
			if (round.isEmpty()) {
				return;
			}
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
		Map<Key, List<Group>> byKey = new HashMap<>();
		List<List<Report>> groups = new ArrayList<>();
		for (Report report : round) {
			List<Group> candidates = byKey.computeIfAbsent(new Key(report.plan().spec().id(), report.step()),
					(key) -> new ArrayList<>());
			Group target = null;
			for (Group candidate : candidates) {
				if (!candidate.nodes().contains(report.node())) {
					target = candidate;
					break;
				}
			}
			if (target == null) {
				target = new Group(new ArrayList<>(), new HashSet<>());
				candidates.add(target);
				groups.add(target.reports());
			}
			target.reports().add(report);
			target.nodes().add(report.node());
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

	private record Key(String jobId, Step step) {

	}

	/** The reports of one group and their nodes, to look a node up at once. */
	private record Group(List<Report> reports, Set<String> nodes) {

	}

}
