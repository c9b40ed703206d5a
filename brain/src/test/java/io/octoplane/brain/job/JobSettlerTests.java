package io.octoplane.brain.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.api.JobState;
import io.octoplane.testsupport.clock.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.stream.StreamRecords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The settle step against a real Redis: every transition, the limits it enforces, and the
 * races it decides (a result and a deadline, a cancel and a start, two brains starting
 * one node).
 */
class JobSettlerTests {

	@RegisterExtension
	static final JobCores cores = new JobCores();

	private static final int RACES = 40;

	private final MutableClock clock = new MutableClock();

	private JobCoreParts brain;

	private JobCoreParts otherBrain;

	@BeforeEach
	void connect() {
		this.brain = cores.start(this.clock);
		this.otherBrain = cores.start(this.clock);
	}

	@Test
	void startDeliversQueuedNodesUpToTheConcurrencyLimit() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(5), 2, 5, now()));
		JobSettler.Outcome outcome = start(this.brain, spec, nodes(5));
		assertThat(outcome.delivered()).containsExactly("n1", "n2");
		JobHeader header = this.brain.header(spec.id());
		assertThat(header.count(DeliveryState.DELIVERED)).isEqualTo(2);
		assertThat(header.count(DeliveryState.QUEUED)).isEqualTo(3);
		assertThat(this.brain.state(spec.id(), "n3")).isEqualTo(DeliveryState.QUEUED);
	}

	@Test
	void resultFreesASlotForTheNextStart() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(2), 1, 2, now()));
		start(this.brain, spec, nodes(2));
		JobSettler.Outcome result = result(this.brain, spec, "n1", CommandOutcome.SUCCEEDED);
		assertThat(result.needsDispatch()).isTrue();
		assertThat(start(this.brain, spec, List.of("n2")).delivered()).containsExactly("n2");
	}

	@Test
	void startedMovesADeliveredNodeToRunning() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(1), 1, 1, now()));
		start(this.brain, spec, nodes(1));
		this.brain.settler.settle(spec, Step.STARTED, now(), Moves.one("n1", running()));
		assertThat(this.brain.state(spec.id(), "n1")).isEqualTo(DeliveryState.RUNNING);
		assertThat(this.brain.header(spec.id()).count(DeliveryState.RUNNING)).isOne();
	}

	@Test
	void startedAfterTheResultChangesNothing() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(1), 1, 1, now()));
		start(this.brain, spec, nodes(1));
		result(this.brain, spec, "n1", CommandOutcome.SUCCEEDED);
		JobSettler.Outcome late = this.brain.settler.settle(spec, Step.STARTED, now(), Moves.one("n1", running()));
		assertThat(late.applied()).isEmpty();
		assertThat(this.brain.state(spec.id(), "n1")).isEqualTo(DeliveryState.SUCCEEDED);
	}

	@Test
	void lastResultFinishesTheJobOnceAndTidiesUp() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(1), 1, 1, now()));
		start(this.brain, spec, nodes(1));
		JobSettler.Outcome result = result(this.brain, spec, "n1", CommandOutcome.SUCCEEDED);
		assertThat(result.finished()).isTrue();
		JobHeader header = this.brain.header(spec.id());
		assertThat(header.state()).isEqualTo(JobState.COMPLETED);
		assertThat(header.finishedAtMillis()).isNotNull();
		assertThat(this.brain.repository.activeJobs()).doesNotContain(spec.id());
		assertThat(this.brain.repository.queue("n1")).isEmpty();
		assertThat(this.brain.settler.settle(spec, Step.FINISH, now(), Moves.none()).finished()).isFalse();
	}

	@Test
	void resentResultIsNotCountedTwice() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(2), 2, 2, now()));
		start(this.brain, spec, nodes(2));
		result(this.brain, spec, "n1", CommandOutcome.FAILED);
		assertThat(result(this.brain, spec, "n1", CommandOutcome.SUCCEEDED).applied()).isEmpty();
		JobHeader header = this.brain.header(spec.id());
		assertThat(header.count(DeliveryState.FAILED)).isOne();
		assertThat(header.count(DeliveryState.SUCCEEDED)).isZero();
	}

	@Test
	void startCancelsQueuedNodesOnceTheErrorBudgetIsSpent() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(3), 1, 0, now()));
		start(this.brain, spec, nodes(3));
		result(this.brain, spec, "n1", CommandOutcome.FAILED);
		JobSettler.Outcome outcome = start(this.brain, spec, List.of("n2", "n3"));
		assertThat(outcome.delivered()).isEmpty();
		assertThat(outcome.applied()).containsOnlyKeys("n2", "n3");
		assertThat(outcome.applied().get("n2").error()).contains("max_errors");
		assertThat(outcome.finished()).isTrue();
		assertThat(this.brain.header(spec.id()).count(DeliveryState.CANCELLED)).isEqualTo(2);
		assertThat(this.brain.repository.queue("n2")).isEmpty();
	}

	@Test
	void expiryMovesOnlyQueuedNodes() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(2), 1, 2, now()));
		start(this.brain, spec, nodes(1));
		JobSettler.Outcome outcome = this.brain.settler.settle(spec, Step.EXPIRE, now(),
				Moves.all(nodes(2), Delivery.of(DeliveryState.EXPIRED, "gone", now())));
		assertThat(outcome.applied()).containsOnlyKeys("n2");
		assertThat(this.brain.state(spec.id(), "n1")).isEqualTo(DeliveryState.DELIVERED);
		assertThat(this.brain.state(spec.id(), "n2")).isEqualTo(DeliveryState.EXPIRED);
	}

	@Test
	void cancelStopsTheJobAndItsQueuedNodesButLeavesRunningOnesToReport() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(3), 1, 3, now()));
		start(this.brain, spec, nodes(3));
		JobSettler.Outcome cancel = cancel(this.brain, spec, nodes(3));
		assertThat(cancel.cancelledJob()).isTrue();
		assertThat(cancel.applied()).containsOnlyKeys("n2", "n3");
		assertThat(this.brain.state(spec.id(), "n1")).isEqualTo(DeliveryState.DELIVERED);
		assertThat(this.brain.header(spec.id()).state()).isEqualTo(JobState.CANCELLED);
		assertThat(cancel(this.brain, spec, List.of()).cancelledJob()).isFalse();
		JobSettler.Outcome stopped = result(this.brain, spec, "n1", CommandOutcome.CANCELLED);
		assertThat(stopped.finished()).isTrue();
		assertThat(this.brain.header(spec.id()).state()).isEqualTo(JobState.CANCELLED);
	}

	@Test
	void nodeThatIsNotATargetIsNamedAsStrangerAndChangesNothing() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(1), 1, 1, now()));
		JobSettler.Outcome outcome = this.brain.settler.settle(spec, Step.RESULT, now(),
				Moves.one("intruder", Delivery.of(DeliveryState.SUCCEEDED, null, now())));
		assertThat(outcome.strangers()).containsExactly("intruder");
		assertThat(outcome.applied()).isEmpty();
		assertThat(this.brain.repository.delivery(spec.id(), "intruder")).isEmpty();
		assertThat(this.brain.header(spec.id()).count(DeliveryState.SUCCEEDED)).isZero();
	}

	@Test
	void unknownJobIsReportedMissing() {
		JobSpec spec = JobCoreParts.spec(nodes(1), 1, 1, now());
		assertThat(result(this.brain, spec, "n1", CommandOutcome.SUCCEEDED).missing()).isTrue();
	}

	@Test
	void resultRacingADeadlineHasOneWinner() throws Exception {
		for (int i = 0; i < RACES; i++) {
			JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(1), 1, 1, now()));
			List<JobSettler.Outcome> outcomes = race(() -> result(this.brain, spec, "n1", CommandOutcome.SUCCEEDED),
					() -> this.otherBrain.settler.settle(spec, Step.EXPIRE, now(),
							Moves.all(nodes(1), Delivery.of(DeliveryState.EXPIRED, "late", now()))));
			assertThat(outcomes.stream().filter((outcome) -> !outcome.applied().isEmpty())).hasSize(1);
			assertThat(outcomes.stream().filter(JobSettler.Outcome::finished)).hasSize(1);
			JobHeader header = this.brain.header(spec.id());
			assertThat(header.count(DeliveryState.SUCCEEDED) + header.count(DeliveryState.EXPIRED)).isOne();
			assertThat(header.pending()).isZero();
		}
	}

	@Test
	void cancelRacingAStartLeavesNoNodeStartedAfterTheCancel() throws Exception {
		for (int i = 0; i < RACES; i++) {
			JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(4), 4, 4, now()));
			List<JobSettler.Outcome> outcomes = race(() -> start(this.brain, spec, nodes(4)),
					() -> cancel(this.otherBrain, spec, nodes(4)));
			JobSettler.Outcome started = outcomes.get(0);
			JobSettler.Outcome cancelled = outcomes.get(1);
			// Either every node started before the cancel, or none after it.
			assertThat(started.delivered().size() + cancelled.applied().size()).isEqualTo(4);
			assertThat(started.delivered()).isIn(List.of(), nodes(4));
			JobHeader header = this.brain.header(spec.id());
			assertThat(header.state()).isEqualTo(JobState.CANCELLED);
			assertThat(header.count(DeliveryState.QUEUED)).isZero();
		}
	}

	@Test
	void twoBrainsStartingTheSameNodeStartItOnce() throws Exception {
		for (int i = 0; i < RACES; i++) {
			JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(1), 1, 1, now()));
			List<JobSettler.Outcome> outcomes = race(() -> start(this.brain, spec, nodes(1)),
					() -> start(this.otherBrain, spec, nodes(1)));
			assertThat(outcomes.stream().mapToInt((outcome) -> outcome.delivered().size()).sum()).isOne();
			assertThat(this.brain.header(spec.id()).count(DeliveryState.DELIVERED)).isOne();
		}
	}

	@Test
	void twoBrainsTogetherStayWithinTheConcurrencyLimit() throws Exception {
		for (int i = 0; i < RACES / 4; i++) {
			JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(20), 5, 20, now()));
			List<String> first = nodes(20).subList(0, 12);
			List<String> second = nodes(20).subList(8, 20);
			List<JobSettler.Outcome> outcomes = race(() -> start(this.brain, spec, first),
					() -> start(this.otherBrain, spec, second));
			assertThat(outcomes.stream().mapToInt((outcome) -> outcome.delivered().size()).sum()).isEqualTo(5);
			assertThat(this.brain.header(spec.id()).count(DeliveryState.DELIVERED)).isEqualTo(5);
		}
	}

	@Test
	void batchesLargerThanOneScriptRunKeepTheLimitsAndCounters() {
		List<String> targets = nodes(JobSettler.BATCH * 2 + 7);
		JobSpec spec = this.brain.create(JobCoreParts.spec(targets, JobSettler.BATCH + 3, targets.size(), now()));
		JobSettler.Outcome outcome = start(this.brain, spec, targets);
		assertThat(outcome.delivered()).hasSize(JobSettler.BATCH + 3);
		JobHeader header = this.brain.header(spec.id());
		assertThat(header.count(DeliveryState.DELIVERED)).isEqualTo(JobSettler.BATCH + 3);
		assertThat(header.count(DeliveryState.QUEUED)).isEqualTo(targets.size() - JobSettler.BATCH - 3);
	}

	@Test
	void nodeEventsArePublishedOnlyWhileTheJobHasFollowers() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(2), 2, 2, now()));
		List<String> heard = new CopyOnWriteArrayList<>();
		// Listens on the channel without counting as a follower.
		this.otherBrain.listen(spec.id(), heard::add);
		start(this.brain, spec, List.of("n1"));
		try (JobEvents.Subscription follower = this.brain.events.subscribe(spec.id(), (event, data) -> {
		})) {
			assertThat(this.brain.header(spec.id()).followers()).isOne();
			start(this.brain, spec, List.of("n2"));
			// One channel delivers in order: had n1's event been sent, it came first.
			await().until(() -> !heard.isEmpty());
			assertThat(heard).singleElement().asString().contains("\"n2\"");
		}
		assertThat(this.brain.header(spec.id()).followers()).isZero();
	}

	@Test
	void followerGetsTheFinalJobWhenItIsDone() throws Exception {
		JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(1), 1, 1, now()));
		CountDownLatch done = new CountDownLatch(1);
		List<String> events = new CopyOnWriteArrayList<>();
		try (JobEvents.Subscription watcher = this.otherBrain.events.subscribe(spec.id(), (event, data) -> {
			events.add(event);
			if ("done".equals(event)) {
				done.countDown();
			}
		})) {
			start(this.brain, spec, nodes(1));
			result(this.brain, spec, "n1", CommandOutcome.SUCCEEDED);
			assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(events).containsExactly("node", "node", "done");
	}

	@Test
	void followerSeesAJobsEventsInTheOrderTheyWerePublished() throws Exception {
		List<String> published = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			published.add(this.brain.events.message("output", Map.of("seq", i)));
		}
		CountDownLatch all = new CountDownLatch(published.size());
		List<String> seen = new CopyOnWriteArrayList<>();
		try (JobEvents.Subscription watcher = this.otherBrain.events.subscribe("ordered-job", (event, data) -> {
			seen.add(data);
			all.countDown();
		})) {
			this.brain.repository.tidy("ordered-job", List.of(), false, published);
			assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(seen).containsExactlyElementsOf(
				published.stream().map((message) -> message.substring(message.indexOf('\n') + 1)).toList());
	}

	@Test
	void createQueuesTheJobForEveryQueuedTarget() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(nodes(2), 2, 2, now()));
		this.brain.redis.opsForStream()
			.add(StreamRecords.string(Map.of("job", "other")).withStreamKey(JobRepository.queueKey("n1")));
		assertThat(this.brain.repository.queue("n1")).extracting(JobRepository.QueueEntry::jobId)
			.containsExactly(spec.id(), "other");
		assertThat(this.brain.repository.activeJobs()).contains(spec.id());
		start(this.brain, spec, nodes(2));
		result(this.brain, spec, "n1", CommandOutcome.SUCCEEDED);
		assertThat(this.brain.repository.queue("n1")).extracting(JobRepository.QueueEntry::jobId)
			.containsExactly("other");
	}

	private long now() {
		return this.clock.millis();
	}

	private Delivery running() {
		return Delivery.of(DeliveryState.RUNNING, null, now());
	}

	private JobSettler.Outcome start(JobCoreParts parts, JobSpec spec, List<String> targets) {
		return parts.settler.settle(spec, Step.START, now(),
				Moves.all(targets, Delivery.of(DeliveryState.DELIVERED, null, now())));
	}

	private JobSettler.Outcome cancel(JobCoreParts parts, JobSpec spec, List<String> targets) {
		return parts.settler.settle(spec, Step.CANCEL, now(),
				Moves.all(targets, Delivery.of(DeliveryState.CANCELLED, "cancelled by alice", now())));
	}

	private JobSettler.Outcome result(JobCoreParts parts, JobSpec spec, String node, CommandOutcome outcome) {
		CommandResult result = new CommandResult(spec.id(), outcome, (outcome == CommandOutcome.SUCCEEDED) ? 0 : 1, "",
				"", false, now(), now(), null);
		return parts.settler.settle(spec, Step.RESULT, now(), Moves.one(node, Delivery.of(result, now())));
	}

	private static List<String> nodes(int count) {
		return IntStream.rangeClosed(1, count).mapToObj((i) -> "n" + i).toList();
	}

	@SafeVarargs
	private static List<JobSettler.Outcome> race(Callable<JobSettler.Outcome>... steps) throws Exception {
		CountDownLatch go = new CountDownLatch(1);
		List<Future<JobSettler.Outcome>> futures = new ArrayList<>();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Callable<JobSettler.Outcome> step : steps) {
				futures.add(executor.submit(() -> {
					go.await();
					return step.call();
				}));
			}
			go.countDown();
			List<JobSettler.Outcome> outcomes = new ArrayList<>();
			for (Future<JobSettler.Outcome> future : futures) {
				outcomes.add(future.get());
			}
			return outcomes;
		}
	}

}
