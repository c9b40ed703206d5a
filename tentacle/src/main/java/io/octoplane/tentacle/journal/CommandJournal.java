package io.octoplane.tentacle.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of every command this node started and every result the brain has
 * not acknowledged yet; see the package documentation. Each {@code record...} method
 * returns only after the change is on disk, so whatever the caller does next (start a
 * process, send a result) is covered by the journal even if the tentacle dies at once.
 *
 * <p>
 * An index of all entries, without their output, is kept in memory; output is read from
 * disk only when a result is sent. Thread-safe; changes are serialised.
 */
public final class CommandJournal {

	/** Error text of a command the tentacle was running when it died. */
	public static final String RESTARTED = "the tentacle restarted while this command ran; "
			+ "it was not run again and its outcome is unknown";

	/** Error text of a command whose journal entry was corrupt. */
	public static final String UNREADABLE = "the tentacle's journal entry for this command was unreadable; "
			+ "it was not run again and its outcome is unknown";

	private static final Logger logger = LoggerFactory.getLogger(CommandJournal.class);

	// Pruning walks the whole index; once an hour is plenty for a retention in days.
	private static final Duration PRUNE_EVERY = Duration.ofHours(1);

	private final JournalFiles files;

	private final Duration retention;

	private final Clock clock;

	private final Map<String, JournalEntry> entries = new HashMap<>();

	private final Set<String> quarantined = new HashSet<>();

	private long nextSeq = 1;

	private long lastPruneMillis;

	private CommandJournal(JournalFiles files, Duration retention, Clock clock) {
		this.files = files;
		this.retention = retention;
		this.clock = clock;
	}

	/**
	 * Opens (creating if needed) the journal in a folder. Entries that cannot be read are
	 * quarantined with a warning; commands that were started by an earlier process and
	 * have no result become {@link CommandOutcome#REJECTED} results, since whatever ran
	 * them is gone; acknowledged entries past the retention are pruned.
	 * @param folder the journal folder
	 * @param retention how long acknowledged entries are kept
	 * @param clock the node clock
	 * @return the journal
	 * @throws IOException if the folder cannot be created or listed, or a rejection
	 * cannot be recorded
	 */
	public static CommandJournal open(Path folder, Duration retention, Clock clock) throws IOException {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("retention must be positive");
		}
		Files.createDirectories(folder);
		CommandJournal journal = new CommandJournal(new JournalFiles(folder), retention, clock);
		journal.load();
		return journal;
	}

	private synchronized void load() throws IOException {
		this.files.deleteTempFiles();
		this.quarantined.addAll(this.files.quarantinedStems());
		for (Path file : this.files.list()) {
			try {
				JournalEntry entry = this.files.read(file);
				this.entries.put(entry.commandId(), entry.withoutOutput());
				this.nextSeq = Math.max(this.nextSeq, entry.resultSeq() + 1);
			}
			catch (IOException ex) {
				quarantine(file, ex);
			}
		}
		List<JournalEntry> interrupted = this.entries.values()
			.stream()
			.filter((entry) -> entry.result() == null)
			.sorted(Comparator.comparing(JournalEntry::commandId))
			.toList();
		for (JournalEntry entry : interrupted) {
			logger.warn("command {} was running when the tentacle stopped; reporting it as rejected",
					entry.commandId());
			long now = this.clock.millis();
			long startedAt = (entry.startedAtMillis() != null) ? entry.startedAtMillis() : now;
			store(entry.withResult(new CommandResult(entry.commandId(), CommandOutcome.REJECTED, -1, "", "", false,
					startedAt, now, RESTARTED), this.nextSeq++));
		}
		prune();
	}

	/** The journal folder. */
	public Path folder() {
		return this.files.folder();
	}

	/**
	 * What is known about a command.
	 * @param commandId the command's id
	 * @return its state; {@link JournalState#NEW} if never seen
	 */
	public synchronized JournalState state(String commandId) {
		JournalEntry entry = this.entries.get(commandId);
		if (entry != null) {
			return entry.state();
		}
		return this.quarantined.contains(JournalFiles.stem(commandId)) ? JournalState.UNREADABLE : JournalState.NEW;
	}

	/**
	 * Records that a command is about to start. Call before starting the process: if the
	 * tentacle dies after this, the command is never started again.
	 * @param commandId the command's id
	 * @param startedAtMillis node clock, epoch milliseconds
	 * @return {@code false}, recording nothing, if the id is not {@link JournalState#NEW}
	 * @throws IOException if the entry cannot be written; the command must not start
	 */
	public synchronized boolean recordStarted(String commandId, long startedAtMillis) throws IOException {
		if (state(commandId) != JournalState.NEW) {
			return false;
		}
		store(JournalEntry.started(commandId, startedAtMillis));
		return true;
	}

	/**
	 * Records that a cancel arrived for a started command (its process is being killed).
	 * Does nothing for a command that is not {@link JournalState#STARTED}.
	 * @param commandId the command's id
	 * @param reason the cancel's reason
	 * @throws IOException if the entry cannot be written
	 */
	public synchronized void recordCancelled(String commandId, String reason) throws IOException {
		JournalEntry entry = this.entries.get(commandId);
		if (entry != null && entry.result() == null) {
			store(entry.withCancel(this.clock.millis(), reason));
		}
	}

	/**
	 * Records a command's final result, unless it already has one: the first result
	 * stands, so a late duplicate can never change what the brain was told.
	 * @param result the result; for an unknown id (cancelled or rejected before it
	 * started) the entry is created
	 * @return the result now stored for the command
	 * @throws IOException if the entry cannot be written
	 */
	public synchronized CommandResult recordResult(CommandResult result) throws IOException {
		JournalEntry entry = this.entries.get(result.commandId());
		if (entry != null && entry.result() != null) {
			return storedResult(entry);
		}
		JournalEntry next = (entry != null) ? entry.withResult(result, this.nextSeq)
				: JournalEntry.finished(result, this.nextSeq);
		if (result.outcome() == CommandOutcome.CANCELLED && next.cancelledAtMillis() == null) {
			next = next.withCancel(this.clock.millis(), (result.error() != null) ? result.error() : "cancelled");
		}
		store(next);
		this.nextSeq++;
		return result;
	}

	/**
	 * The stored result of a finished command, output included. An entry that has become
	 * unreadable since it was written is quarantined and answered, and re-recorded, as
	 * {@link CommandOutcome#REJECTED}.
	 * @param commandId the command's id
	 * @return the result, or empty if the command has none
	 */
	public synchronized Optional<CommandResult> result(String commandId) {
		JournalEntry entry = this.entries.get(commandId);
		if (entry == null || entry.result() == null) {
			return Optional.empty();
		}
		return Optional.of(storedResult(entry));
	}

	/**
	 * Records that the brain stored a command's result; it is no longer resent and is
	 * pruned after the retention.
	 * @param commandId the command's id
	 * @return whether there was an unacknowledged result to mark
	 * @throws IOException if the entry cannot be written
	 */
	public synchronized boolean recordAcknowledged(String commandId) throws IOException {
		JournalEntry entry = this.entries.get(commandId);
		if (entry == null || entry.result() == null || entry.acknowledgedAtMillis() != null) {
			return false;
		}
		JournalEntry full;
		try {
			full = this.files.read(this.files.file(commandId));
		}
		catch (IOException ex) {
			// Unreadable now: it becomes a rejection, which the brain is sent again.
			replaceUnreadable(entry, this.files.file(commandId), ex);
			return false;
		}
		// The in-memory entry has no output; the update must not drop it from disk.
		store(full.withAcknowledged(this.clock.millis()));
		if (this.clock.millis() - this.lastPruneMillis >= PRUNE_EVERY.toMillis()) {
			prune();
		}
		return true;
	}

	/**
	 * The ids of results not acknowledged yet, oldest result first.
	 * @return the ids
	 */
	public synchronized List<String> unacknowledged() {
		return this.entries.values()
			.stream()
			.filter((entry) -> entry.result() != null && entry.acknowledgedAtMillis() == null)
			.sorted(Comparator.comparingLong(JournalEntry::resultSeq))
			.map(JournalEntry::commandId)
			.toList();
	}

	/**
	 * Deletes acknowledged entries older than the retention. Unacknowledged results are
	 * never pruned: they are the ones the brain still needs.
	 * @return how many entries were deleted
	 */
	public synchronized int prune() {
		long now = this.clock.millis();
		this.lastPruneMillis = now;
		long cutoff = now - this.retention.toMillis();
		List<String> expired = this.entries.values()
			.stream()
			.filter((entry) -> entry.acknowledgedAtMillis() != null && entry.acknowledgedAtMillis() < cutoff)
			.map(JournalEntry::commandId)
			.toList();
		int pruned = 0;
		for (String commandId : expired) {
			try {
				this.files.delete(commandId);
				this.entries.remove(commandId);
				pruned++;
			}
			catch (IOException ex) {
				logger.warn("cannot prune journal entry {}: {}", this.files.file(commandId), ex.getMessage());
			}
		}
		if (pruned > 0) {
			logger.debug("pruned {} acknowledged journal entries", pruned);
		}
		return pruned;
	}

	private CommandResult storedResult(JournalEntry entry) {
		Path file = this.files.file(entry.commandId());
		try {
			JournalEntry full = this.files.read(file);
			if (full.result() != null) {
				return full.result();
			}
			throw new IOException("the stored entry has no result");
		}
		catch (IOException ex) {
			return replaceUnreadable(entry, file, ex);
		}
	}

	private CommandResult replaceUnreadable(JournalEntry entry, Path file, IOException cause) {
		quarantine(file, cause);
		CommandResult summary = entry.result();
		long now = this.clock.millis();
		CommandResult rejected = new CommandResult(entry.commandId(), CommandOutcome.REJECTED, -1, "", "", false,
				(summary != null) ? summary.startedAtMillis() : now, now, UNREADABLE);
		try {
			store(entry.withResult(rejected, entry.resultSeq()));
		}
		catch (IOException ex) {
			this.entries.remove(entry.commandId());
			logger.warn("cannot record the rejection of command {} in the journal: {}", entry.commandId(),
					ex.getMessage());
		}
		return rejected;
	}

	private void store(JournalEntry entry) throws IOException {
		this.files.write(entry);
		this.entries.put(entry.commandId(), entry.withoutOutput());
	}

	private void quarantine(Path file, Exception cause) {
		String name = file.getFileName().toString();
		this.quarantined.add(name.substring(0, name.length() - JournalFiles.SUFFIX.length()));
		try {
			this.files.quarantine(file);
			logger.warn("journal file {} is unreadable ({}); moved it to {}", file, cause.getMessage(),
					this.files.folder().resolve(JournalFiles.QUARANTINE_FOLDER));
		}
		catch (IOException ex) {
			logger.warn("journal file {} is unreadable ({}) and cannot be moved aside ({}); ignoring it", file,
					cause.getMessage(), ex.getMessage());
		}
	}

}
