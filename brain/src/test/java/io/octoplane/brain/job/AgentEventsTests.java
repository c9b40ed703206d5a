package io.octoplane.brain.job;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.octoplane.brain.agent.AgentSession;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandOutput;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.CommandStarted;
import io.octoplane.testsupport.clock.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * A node speaks only about jobs that target it: started, output and result frames about
 * any other job change nothing and reach no follower.
 */
class AgentEventsTests {

	@RegisterExtension
	static final JobCores cores = new JobCores();

	private final MutableClock clock = new MutableClock();

	private JobCoreParts brain;

	private AgentEvents agentEvents;

	private JobSpec job;

	@BeforeEach
	void connect() {
		this.brain = cores.start(this.clock);
		this.agentEvents = new AgentEvents(this.brain.dispatcher, this.brain.events);
		this.job = this.brain.create(JobCoreParts.spec(List.of("target"), 1, 1, this.clock.millis()));
		this.brain.settler.settle(this.job, Step.START, this.clock.millis(),
				Moves.all(List.of("target"), Delivery.of(DeliveryState.DELIVERED, null, this.clock.millis())));
	}

	@Test
	void startedFromANodeTheJobDoesNotTargetChangesNothing() {
		this.agentEvents.started(session("intruder"), new CommandStarted(this.job.id(), this.clock.millis()));
		assertThat(this.brain.repository.delivery(this.job.id(), "intruder")).isEmpty();
		assertThat(this.brain.header(this.job.id()).count(DeliveryState.RUNNING)).isZero();
		this.agentEvents.started(session("target"), new CommandStarted(this.job.id(), this.clock.millis()));
		assertThat(this.brain.state(this.job.id(), "target")).isEqualTo(DeliveryState.RUNNING);
	}

	@Test
	void resultFromANodeTheJobDoesNotTargetChangesNothing() {
		this.agentEvents.result(session("intruder"), result());
		assertThat(this.brain.repository.delivery(this.job.id(), "intruder")).isEmpty();
		assertThat(this.brain.header(this.job.id()).pending()).isOne();
		this.agentEvents.result(session("target"), result());
		assertThat(this.brain.state(this.job.id(), "target")).isEqualTo(DeliveryState.SUCCEEDED);
	}

	@Test
	void outputFromANodeTheJobDoesNotTargetReachesNoFollower() {
		List<String> heard = new CopyOnWriteArrayList<>();
		try (JobEvents.Subscription follower = this.brain.events.subscribe(this.job.id(),
				(event, data) -> heard.add(data))) {
			this.agentEvents.output(session("intruder"),
					new CommandOutput(this.job.id(), "stdout", 1, "forged line\n"));
			this.agentEvents.output(session("target"), new CommandOutput(this.job.id(), "stdout", 1, "real\n"));
			// One channel delivers in order: the forged line would have come first.
			await().until(() -> !heard.isEmpty());
			assertThat(heard).singleElement().asString().contains("real").contains("\"target\"");
		}
	}

	@Test
	void octopodaOutputOfAResultIsStoredAndReachesFollowers() {
		List<String> heard = new CopyOnWriteArrayList<>();
		try (JobEvents.Subscription follower = this.brain.events.subscribe(this.job.id(),
				(event, data) -> heard.add(event + " " + data))) {
			long now = this.clock.millis();
			this.agentEvents.result(session("target"), new CommandResult(this.job.id(), CommandOutcome.SUCCEEDED, 0,
					"ok", "", false, now, now, null, "hello from target\n"));
			assertThat(this.brain.repository.delivery(this.job.id(), "target"))
				.hasValueSatisfying((delivery) -> assertThat(JobViews.result("target", delivery).scriptOutput())
					.isEqualTo("hello from target\n"));
			await().until(() -> heard.stream().anyMatch((line) -> line.startsWith("node ")));
			assertThat(heard).filteredOn((line) -> line.startsWith("node "))
				.singleElement()
				.asString()
				.contains("\"script_output\":\"hello from target\\n\"");
		}
	}

	@Test
	void outputAboutAnUnknownJobIsDropped() {
		this.agentEvents.output(session("target"), new CommandOutput("no-such-job", "stdout", 1, "x"));
		assertThat(this.brain.repository.header("no-such-job")).isEmpty();
	}

	private CommandResult result() {
		long now = this.clock.millis();
		return new CommandResult(this.job.id(), CommandOutcome.SUCCEEDED, 0, "ok", "", false, now, now, null);
	}

	private static AgentSession session(String node) {
		AgentSession session = mock(AgentSession.class);
		given(session.nodeName()).willReturn(node);
		return session;
	}

}
