package io.octoplane.tentacle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.octoplane.protocol.agent.CancelCommand;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.tentacle.command.CommandRunner;
import io.octoplane.tentacle.connection.ClockEstimate;
import io.octoplane.tentacle.connection.ClockEstimates;
import io.octoplane.tentacle.journal.CommandJournal;
import io.octoplane.tentacle.journal.JournalState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delayed and time-aligned starts on the tentacle: a real journal and real processes,
 * with the clock estimate set as a heartbeat exchange would leave it.
 */
class TimedStartTests {

	private static final Clock CLOCK = Clock.systemUTC();

	@TempDir
	Path work;

	private CommandJournal journal;

	private CommandDesk desk;

	@AfterEach
	void tearDown() {
		if (this.desk != null) {
			this.desk.close();
		}
	}

	@Test
	void delayedCommandStartsAtTheInstantConvertedToTheNodeClock() throws Exception {
		// The brain's clock is 5 s ahead of this node's.
		desk(ClockEstimates.measured(5_000, 400));
		long startAtBrain = CLOCK.millis() + 5_000 + 600;
		this.desk.run(command("d1", "date +%s%3N", startAtBrain, 0));
		assertThat(this.journal.state("d1")).isEqualTo(JournalState.NEW);
		CommandResult result = awaitResult("d1");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		long ranAt = Long.parseLong(result.stdout().strip());
		assertThat(ranAt).isGreaterThanOrEqualTo(startAtBrain - 5_000);
	}

	@Test
	void timeAlignedCommandIsRefusedWhenTheOffsetIsTooUncertain() throws Exception {
		// A 300 ms round trip leaves the offset uncertain by 151 ms.
		desk(ClockEstimates.measured(0, 300_000));
		this.desk.run(command("u1", "touch ran", CLOCK.millis() + 2_000, 50));
		CommandResult result = awaitResult("u1");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.REJECTED);
		assertThat(result.error()).contains("uncertain by 151 ms, more than the allowed 50 ms");
		assertThat(this.work.resolve("workspace/ran")).doesNotExist();
	}

	@Test
	void timeAlignedCommandIsRefusedWithoutAnyClockEstimate() throws Exception {
		desk(new ClockEstimate());
		this.desk.run(command("n1", "touch ran", CLOCK.millis() + 2_000, 50));
		CommandResult result = awaitResult("n1");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.REJECTED);
		assertThat(result.error()).contains("has not measured its clock offset");
	}

	@Test
	void timeAlignedCommandArrivingAfterItsInstantIsRefused() throws Exception {
		desk(ClockEstimates.measured(0, 1_000));
		this.desk.run(command("l1", "touch ran", CLOCK.millis() - 10_000, 50));
		CommandResult result = awaitResult("l1");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.REJECTED);
		assertThat(result.error()).contains("after its start instant");
		assertThat(this.work.resolve("workspace/ran")).doesNotExist();
	}

	@Test
	void loadedCommandCancelledBeforeItsInstantNeverRuns() throws Exception {
		desk(ClockEstimates.measured(0, 1_000));
		this.desk.run(command("c1", "touch ran", CLOCK.millis() + 60_000, 0));
		this.desk.cancel(new CancelCommand("c1", "changed my mind"));
		CommandResult result = awaitResult("c1");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.CANCELLED);
		// Even a timer that fired now would find the command finished in the journal.
		assertThat(this.journal.state("c1")).isEqualTo(JournalState.FINISHED);
		assertThat(this.work.resolve("workspace/ran")).doesNotExist();
	}

	@Test
	void redeliveryWhileLoadedDoesNotStartItTwice() throws Exception {
		desk(ClockEstimates.measured(0, 1_000));
		long startAt = CLOCK.millis() + 700;
		RunCommand command = command("r1", "echo x >> runs.txt", startAt, 0);
		this.desk.run(command);
		this.desk.run(command);
		assertThat(awaitResult("r1").outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(Files.readAllLines(this.work.resolve("workspace/runs.txt"))).containsExactly("x");
	}

	private void desk(ClockEstimate estimate) throws IOException {
		Path workspace = Files.createDirectories(this.work.resolve("workspace"));
		this.journal = CommandJournal.open(this.work.resolve("journal"), Duration.ofDays(1), CLOCK);
		this.desk = new CommandDesk(this.journal, new CommandRunner(workspace, 4096, CLOCK),
				new ResultDelivery(this.journal), CLOCK, estimate);
	}

	private CommandResult awaitResult(String id) {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.journal.result(id).isPresent());
		return this.journal.result(id).orElseThrow();
	}

	private static RunCommand command(String id, String line, long startAtMillis, long maxClockErrorMillis) {
		return new RunCommand(id, CommandMode.SHELL, line, 10_000, 4096, false, false, startAtMillis,
				maxClockErrorMillis);
	}

}
