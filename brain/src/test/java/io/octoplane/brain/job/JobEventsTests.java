package io.octoplane.brain.job;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.testsupport.clock.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Followers of a job over Redis Pub/Sub: the node events of one settle step reach a
 * follower together, and a follower of the end only costs the settle step no node events
 * and sees none of those published for others.
 */
class JobEventsTests {

	@RegisterExtension
	static final JobCores cores = new JobCores();

	private final MutableClock clock = new MutableClock();

	private JobCoreParts brain;

	private JobCoreParts otherBrain;

	@BeforeEach
	void connect() {
		this.brain = cores.start(this.clock);
		this.otherBrain = cores.start(this.clock);
	}

	@Test
	void theFirstFollowerOfABrainHearsAnEventPublishedTheMomentItSubscribed() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(List.of("n1"), 1, 1, now()));
		List<String> heard = new CopyOnWriteArrayList<>();
		try (JobEvents.Subscription follower = this.brain.events.subscribe(spec.id(), false,
				(event, data) -> heard.add(event))) {
			this.otherBrain.redis.convertAndSend(JobEvents.channel(spec.id()),
					this.otherBrain.events.message("done", List.of()));
			await().until(() -> !heard.isEmpty());
			assertThat(heard).containsExactly("done");
		}
	}

	@Test
	void nodeEventsOfOneSettleStepArriveTogether() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(List.of("n1", "n2", "n3"), 3, 3, now()));
		List<String> batches = new CopyOnWriteArrayList<>();
		try (JobEvents.Subscription follower = this.otherBrain.events.subscribe(spec.id(), true,
				(event, data) -> batches.add(event + " " + data.size()))) {
			start(spec, List.of("n1", "n2", "n3"));
			await().until(() -> !batches.isEmpty());
			assertThat(batches).containsExactly("node 3");
		}
	}

	@Test
	void followerOfTheEndOnlyMakesSettleStepsPublishNoNodeEvents() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(List.of("n1"), 1, 1, now()));
		List<String> heard = new CopyOnWriteArrayList<>();
		// Listens on the channel without counting as a follower.
		this.otherBrain.listen(spec.id(), heard::add);
		List<String> events = new CopyOnWriteArrayList<>();
		try (JobEvents.Subscription waiter = this.brain.events.subscribe(spec.id(), false,
				(event, data) -> events.add(event))) {
			JobHeader header = this.brain.header(spec.id());
			assertThat(header.followers()).isOne();
			start(spec, List.of("n1"));
			result(spec, "n1");
			await().until(() -> !events.isEmpty());
			assertThat(events).containsExactly("done");
			// One channel delivers in order: a node event would have come first.
			assertThat(heard).singleElement().asString().startsWith("done\n");
		}
		assertThat(this.brain.redis.opsForHash()
			.multiGet(JobRepository.jobKey(spec.id()), List.of("followers", "waiters"))).containsExactly("0", "0");
	}

	@Test
	void followerOfTheEndOnlySeesNoneOfTheNodeEventsPublishedForOthers() {
		JobSpec spec = this.brain.create(JobCoreParts.spec(List.of("n1", "n2"), 2, 2, now()));
		List<String> everything = new CopyOnWriteArrayList<>();
		List<String> endOnly = new CopyOnWriteArrayList<>();
		try (JobEvents.Subscription follower = this.otherBrain.events.subscribe(spec.id(), true,
				(event, data) -> data.forEach((one) -> everything.add(event)));
				JobEvents.Subscription waiter = this.otherBrain.events.subscribe(spec.id(), false,
						(event, data) -> endOnly.add(event))) {
			start(spec, List.of("n1", "n2"));
			result(spec, "n1");
			result(spec, "n2");
			await().until(() -> everything.contains("done") && endOnly.contains("done"));
			assertThat(everything).containsExactly("node", "node", "node", "node", "done");
			assertThat(endOnly).containsExactly("done");
		}
	}

	@Test
	void aFollowerGetsTheEventsOfItsOwnJobOnlyThoughTheBrainHearsEveryFollowedJob() {
		JobSpec mine = this.brain.create(JobCoreParts.spec(List.of("n1"), 1, 1, now()));
		JobSpec other = this.brain.create(JobCoreParts.spec(List.of("n2"), 1, 1, now()));
		List<String> myEvents = new CopyOnWriteArrayList<>();
		List<String> otherEvents = new CopyOnWriteArrayList<>();
		try (JobEvents.Subscription follower = this.otherBrain.events.subscribe(mine.id(), true,
				(event, data) -> myEvents.add(event + " " + data.size()));
				JobEvents.Subscription elsewhere = this.brain.events.subscribe(other.id(), true,
						(event, data) -> otherEvents.add(event))) {
			start(other, List.of("n2"));
			result(other, "n2");
			start(mine, List.of("n1"));
			await().until(() -> otherEvents.contains("done") && !myEvents.isEmpty());
			assertThat(myEvents).containsExactly("node 1");
		}
	}

	private long now() {
		return this.clock.millis();
	}

	private void start(JobSpec spec, List<String> nodes) {
		this.brain.settler.settle(spec, Step.START, now(),
				Moves.all(nodes, Delivery.of(DeliveryState.DELIVERED, null, now())));
	}

	private void result(JobSpec spec, String node) {
		this.brain.settler.settle(spec, Step.RESULT, now(), Moves.one(node, Delivery
			.of(new CommandResult(spec.id(), CommandOutcome.SUCCEEDED, 0, "", "", false, now(), now(), null), now())));
	}

}
