package io.octoplane.tentacle.journal;

import java.util.Objects;

import io.octoplane.protocol.agent.CommandResult;
import org.jspecify.annotations.Nullable;

/**
 * One command's journal file, as stored. Times are the node clock in epoch milliseconds;
 * {@code null} means "has not happened".
 *
 * @param format the file format version, {@value #FORMAT} today
 * @param commandId the command's id, exactly as the brain sent it
 * @param startedAtMillis when the tentacle decided to start it
 * @param cancelledAtMillis when a cancel arrived
 * @param cancelReason the cancel's reason
 * @param result the final result
 * @param resultSeq order in which results were recorded, so unacknowledged results are
 * resent oldest first even if the clock jumped
 * @param acknowledgedAtMillis when the brain acknowledged the result
 */
record JournalEntry(int format, String commandId, @Nullable Long startedAtMillis, @Nullable Long cancelledAtMillis,
		@Nullable String cancelReason, @Nullable CommandResult result, long resultSeq,
		@Nullable Long acknowledgedAtMillis) {

	static final int FORMAT = 1;

	JournalEntry {
		Objects.requireNonNull(commandId, "commandId must not be null");
		if (result != null && !result.commandId().equals(commandId)) {
			throw new IllegalArgumentException("result is for command " + result.commandId() + ", not " + commandId);
		}
	}

	static JournalEntry started(String commandId, long atMillis) {
		return new JournalEntry(FORMAT, commandId, atMillis, null, null, null, 0, null);
	}

	static JournalEntry finished(CommandResult result, long seq) {
		return new JournalEntry(FORMAT, result.commandId(), null, null, null, result, seq, null);
	}

	JournalEntry withResult(CommandResult result, long seq) {
		return new JournalEntry(this.format, this.commandId, this.startedAtMillis, this.cancelledAtMillis,
				this.cancelReason, result, seq, null);
	}

	JournalEntry withCancel(long atMillis, String reason) {
		return new JournalEntry(this.format, this.commandId, this.startedAtMillis, atMillis, reason, this.result,
				this.resultSeq, this.acknowledgedAtMillis);
	}

	JournalEntry withAcknowledged(long atMillis) {
		return new JournalEntry(this.format, this.commandId, this.startedAtMillis, this.cancelledAtMillis,
				this.cancelReason, this.result, this.resultSeq, atMillis);
	}

	/**
	 * This entry without the result's output: what is kept in memory, so a week of
	 * results with megabytes of output each does not sit on the heap.
	 */
	JournalEntry withoutOutput() {
		CommandResult full = this.result;
		if (full == null || (full.stdout().isEmpty() && full.stderr().isEmpty())) {
			return this;
		}
		CommandResult slim = new CommandResult(full.commandId(), full.outcome(), full.exitCode(), "", "",
				full.outputTruncated(), full.startedAtMillis(), full.finishedAtMillis(), full.error());
		return new JournalEntry(this.format, this.commandId, this.startedAtMillis, this.cancelledAtMillis,
				this.cancelReason, slim, this.resultSeq, this.acknowledgedAtMillis);
	}

	JournalState state() {
		return (this.result != null) ? JournalState.FINISHED : JournalState.STARTED;
	}

}
