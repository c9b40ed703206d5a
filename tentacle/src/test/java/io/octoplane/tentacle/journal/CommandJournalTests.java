package io.octoplane.tentacle.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.testsupport.clock.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CommandJournalTests {

	private static final Duration RETENTION = Duration.ofDays(7);

	@TempDir
	Path root;

	private final MutableClock clock = new MutableClock();

	private Path folder() {
		return this.root.resolve("journal");
	}

	private CommandJournal open() throws IOException {
		return CommandJournal.open(folder(), RETENTION, this.clock);
	}

	private CommandResult result(String id, String stdout) {
		long now = this.clock.millis();
		return new CommandResult(id, CommandOutcome.SUCCEEDED, 0, stdout, "warn\n", false, now - 5, now, null);
	}

	@Test
	void startedResultAndAcknowledgementSurviveReopening() throws IOException {
		CommandJournal journal = open();
		assertThat(journal.state("c1")).isEqualTo(JournalState.NEW);
		assertThat(journal.recordStarted("c1", this.clock.millis())).isTrue();
		assertThat(journal.recordStarted("c1", this.clock.millis())).isFalse();
		assertThat(journal.state("c1")).isEqualTo(JournalState.STARTED);
		journal.recordResult(result("c1", "hello\n"));
		journal.recordResult(result("c2", "second\n"));
		assertThat(journal.recordAcknowledged("c2")).isTrue();
		CommandJournal reopened = open();
		assertThat(reopened.state("c1")).isEqualTo(JournalState.FINISHED);
		assertThat(reopened.result("c1")).contains(result("c1", "hello\n"));
		assertThat(reopened.unacknowledged()).containsExactly("c1");
		assertThat(reopened.state("c2")).isEqualTo(JournalState.FINISHED);
		assertThat(reopened.result("c2")).contains(result("c2", "second\n"));
		assertThat(reopened.recordAcknowledged("c2")).isFalse();
	}

	@Test
	void firstResultStands() throws IOException {
		CommandJournal journal = open();
		CommandResult first = result("c1", "first\n");
		journal.recordResult(first);
		assertThat(journal.recordResult(result("c1", "late duplicate\n"))).isEqualTo(first);
		assertThat(journal.result("c1")).contains(first);
	}

	@Test
	void unacknowledgedResultsComeOldestFirstEvenIfTheClockWentBack() throws IOException {
		CommandJournal journal = open();
		journal.recordResult(result("b", ""));
		this.clock.advance(Duration.ofMinutes(-10));
		journal.recordResult(result("a", ""));
		journal.recordResult(result("c", ""));
		journal.recordAcknowledged("a");
		assertThat(open().unacknowledged()).containsExactly("b", "c");
	}

	@Test
	void startedWithoutResultBecomesRejectedWhenReopened() throws IOException {
		CommandJournal crashed = open();
		crashed.recordStarted("mid-run", this.clock.millis());
		CommandJournal journal = open();
		assertThat(journal.state("mid-run")).isEqualTo(JournalState.FINISHED);
		assertThat(journal.unacknowledged()).containsExactly("mid-run");
		assertThat(journal.result("mid-run")).hasValueSatisfying((result) -> {
			assertThat(result.outcome()).isEqualTo(CommandOutcome.REJECTED);
			assertThat(result.exitCode()).isEqualTo(-1);
			assertThat(result.error()).isEqualTo(CommandJournal.RESTARTED);
		});
	}

	@Test
	void acknowledgedEntriesArePrunedAfterTheRetentionOnly() throws IOException {
		CommandJournal journal = open();
		journal.recordResult(result("acked", ""));
		journal.recordAcknowledged("acked");
		journal.recordResult(result("unacked", ""));
		this.clock.advance(RETENTION.minusMinutes(1));
		assertThat(journal.prune()).isZero();
		assertThat(journal.state("acked")).isEqualTo(JournalState.FINISHED);
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(journal.prune()).isOne();
		assertThat(journal.state("acked")).isEqualTo(JournalState.NEW);
		assertThat(journal.state("unacked")).isEqualTo(JournalState.FINISHED);
		assertThat(open().state("acked")).isEqualTo(JournalState.NEW);
		assertThat(journalFiles()).hasSize(1);
	}

	@Test
	void corruptFileIsQuarantinedAndItsIdNeverRuns() throws IOException {
		CommandJournal journal = open();
		journal.recordResult(result("good", "ok\n"));
		journal.recordStarted("bad", this.clock.millis());
		Path badFile = folder().resolve(JournalFiles.stem("bad") + ".json");
		Files.writeString(badFile, "{\"format\":1,\"commandId\":\"bad\",\"startedAt");
		Files.writeString(folder().resolve("0123.json"), "not json at all");
		CommandJournal reopened = open();
		assertThat(reopened.result("good"))
			.hasValueSatisfying((result) -> assertThat(result.stdout()).isEqualTo("ok\n"));
		assertThat(reopened.state("bad")).isEqualTo(JournalState.UNREADABLE);
		assertThat(badFile).doesNotExist();
		assertThat(folder().resolve("quarantine").resolve(badFile.getFileName())).exists();
		assertThat(folder().resolve("quarantine").resolve("0123.json")).exists();
		assertThat(open().state("bad")).isEqualTo(JournalState.UNREADABLE);
	}

	@Test
	void entryStoredUnderAnotherIdsNameIsQuarantined() throws IOException {
		CommandJournal journal = open();
		journal.recordResult(result("real", ""));
		Path real = folder().resolve(JournalFiles.stem("real") + ".json");
		Files.move(real, folder().resolve(JournalFiles.stem("other") + ".json"));
		CommandJournal reopened = open();
		assertThat(reopened.state("real")).isEqualTo(JournalState.NEW);
		assertThat(reopened.state("other")).isEqualTo(JournalState.UNREADABLE);
	}

	@Test
	void resultThatBecameUnreadableIsAnsweredAsRejected() throws IOException {
		CommandJournal journal = open();
		journal.recordResult(result("c1", "out\n"));
		Files.writeString(folder().resolve(JournalFiles.stem("c1") + ".json"), "garbage");
		assertThat(journal.result("c1")).hasValueSatisfying((result) -> {
			assertThat(result.outcome()).isEqualTo(CommandOutcome.REJECTED);
			assertThat(result.error()).isEqualTo(CommandJournal.UNREADABLE);
		});
		assertThat(open().result("c1"))
			.hasValueSatisfying((result) -> assertThat(result.outcome()).isEqualTo(CommandOutcome.REJECTED));
	}

	@Test
	void hostileIdsStayInsideTheFolder() throws IOException {
		CommandJournal journal = open();
		List<String> ids = List.of("../../etc/passwd", "/etc/passwd", "..", "a/../../b", "x\u0000y", "quarantine",
				"c:\\windows", "é".repeat(2000));
		for (String id : ids) {
			journal.recordStarted(id, this.clock.millis());
			journal.recordResult(result(id, id));
		}
		CommandJournal reopened = open();
		for (String id : ids) {
			assertThat(reopened.result(id)).hasValueSatisfying((result) -> assertThat(result.stdout()).isEqualTo(id));
		}
		assertThat(journalFiles()).hasSize(ids.size())
			.allSatisfy((file) -> assertThat(file.getFileName().toString()).matches("[0-9a-f]{64}\\.json"));
		try (Stream<Path> everything = Files.walk(this.root)) {
			assertThat(everything.filter(Files::isRegularFile))
				.allSatisfy((file) -> assertThat(file.getParent()).isEqualTo(folder()));
		}
	}

	@Test
	void leftoverTempFilesAreRemovedAndTheOldVersionStands() throws IOException {
		CommandJournal journal = open();
		journal.recordStarted("c1", this.clock.millis());
		Path temp = folder().resolve(JournalFiles.stem("c1") + ".json.tmp");
		Files.writeString(temp, "{\"half\":");
		CommandJournal reopened = open();
		assertThat(temp).doesNotExist();
		assertThat(reopened.result("c1"))
			.hasValueSatisfying((result) -> assertThat(result.error()).isEqualTo(CommandJournal.RESTARTED));
	}

	@Test
	void cancelOfARunningCommandIsRecordedAndACancelledResultCreatesTheEntry() throws IOException {
		CommandJournal journal = open();
		long now = this.clock.millis();
		journal.recordResult(new CommandResult("never", CommandOutcome.CANCELLED, -1, "", "", false, now, now, "stop"));
		assertThat(open().state("never")).isEqualTo(JournalState.FINISHED);
		journal.recordStarted("running", now);
		journal.recordCancelled("running", "stop");
		assertThat(journal.state("running")).isEqualTo(JournalState.STARTED);
		assertThat(Files.readString(folder().resolve(JournalFiles.stem("running") + ".json")))
			.contains("\"cancelReason\":\"stop\"");
	}

	private List<Path> journalFiles() throws IOException {
		try (Stream<Path> files = Files.list(folder())) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

}
