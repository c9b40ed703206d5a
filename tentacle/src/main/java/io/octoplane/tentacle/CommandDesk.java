package io.octoplane.tentacle;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.octoplane.protocol.agent.CancelCommand;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.CommandStarted;
import io.octoplane.protocol.agent.ResultAck;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.tentacle.command.CommandRunner;
import io.octoplane.tentacle.command.RunControl;
import io.octoplane.tentacle.connection.ClockEstimate;
import io.octoplane.tentacle.connection.CommandListener;
import io.octoplane.tentacle.journal.CommandJournal;
import io.octoplane.tentacle.journal.JournalState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what each command frame means against the journal, so that a command runs at
 * most once whatever the brain redelivers, and every result reaches the journal before
 * the wire. Frames are handled one at a time, in arrival order, on one desk thread (a
 * cancel can never overtake the run it cancels); processes run on their own virtual
 * threads.
 */
final class CommandDesk implements CommandListener, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(CommandDesk.class);

	private final CommandJournal journal;

	private final CommandRunner runner;

	private final ResultDelivery delivery;

	private final Clock clock;

	private final ExecutorService desk = Executors
		.newSingleThreadExecutor(Thread.ofVirtual().name("tentacle-desk").factory());

	private final ExecutorService commands = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("tentacle-command-", 0).factory());

	private final Map<String, RunControl> running = new ConcurrentHashMap<>();

	/**
	 * Delayed and time-aligned commands loaded but not started. They are not journalled
	 * until they start: after a restart the brain delivers them again.
	 */
	private final Map<String, ScheduledFuture<?>> waiting = new ConcurrentHashMap<>();

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tentacle-timer").daemon().factory());

	private final ClockEstimate brainClock;

	CommandDesk(CommandJournal journal, CommandRunner runner, ResultDelivery delivery, Clock clock) {
		this(journal, runner, delivery, clock, new ClockEstimate());
	}

	CommandDesk(CommandJournal journal, CommandRunner runner, ResultDelivery delivery, Clock clock,
			ClockEstimate brainClock) {
		this.journal = journal;
		this.runner = runner;
		this.delivery = delivery;
		this.clock = clock;
		this.brainClock = brainClock;
	}

	@Override
	public void run(RunCommand command) {
		onDesk(command.commandId(), () -> handleRun(command));
	}

	@Override
	public void cancel(CancelCommand cancel) {
		onDesk(cancel.commandId(), () -> handleCancel(cancel));
	}

	@Override
	public void acknowledged(ResultAck ack) {
		onDesk(ack.commandId(), () -> handleAck(ack));
	}

	/** Whether a command is running in this process. */
	boolean isRunning(String commandId) {
		return this.running.containsKey(commandId);
	}

	/**
	 * Kills running foreground commands and stops taking frames; their results ("killed:
	 * the tentacle is stopping") are journalled and sent after the next start.
	 */
	void close(Duration timeout) {
		// Commands first, so frames still queued on the desk (acknowledgements above all)
		// are journalled but start nothing new.
		this.timer.shutdownNow();
		this.waiting.clear();
		this.commands.shutdownNow();
		this.desk.shutdown();
		try {
			long deadline = System.nanoTime() + timeout.toNanos();
			if (!this.desk.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS) || !this.commands
				.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				logger.warn("commands did not stop within {}", timeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		close(Duration.ofSeconds(5));
	}

	private void onDesk(String commandId, Runnable task) {
		try {
			this.desk.execute(task);
		}
		catch (RejectedExecutionException ex) {
			logger.info("ignoring a frame for command {}: the tentacle is stopping", commandId);
		}
	}

	private void handleRun(RunCommand command) {
		String id = command.commandId();
		switch (this.journal.state(id)) {
			case NEW -> {
				if (command.startAtMillis() > 0) {
					load(command);
				}
				else {
					start(command);
				}
			}
			case STARTED -> {
				if (isRunning(id)) {
					logger.info("command {} redelivered while running; its result will follow", id);
				}
				else {
					reject(id, CommandJournal.RESTARTED);
				}
			}
			case FINISHED -> resend(id, "redelivered");
			case UNREADABLE -> reject(id, CommandJournal.UNREADABLE);
		}
	}

	private void handleCancel(CancelCommand cancel) {
		String id = cancel.commandId();
		RunControl control = this.running.get(id);
		if (control != null && this.journal.state(id) == JournalState.STARTED) {
			logger.info("cancelling running command {}: {}", id, cancel.reason());
			try {
				this.journal.recordCancelled(id, cancel.reason());
			}
			catch (IOException ex) {
				logger.warn("cannot journal the cancel of command {}: {}", id, ex.getMessage());
			}
			control.cancel(cancel.reason());
			return;
		}
		switch (this.journal.state(id)) {
			case NEW -> {
				ScheduledFuture<?> loaded = this.waiting.remove(id);
				if (loaded != null) {
					loaded.cancel(false);
				}
				logger.info("command {} cancelled before it started: {}", id, cancel.reason());
				record(CommandRunner.cancelled(id, this.clock.millis(), cancel.reason()));
			}
			case FINISHED -> resend(id, "cancelled after it finished");
			case STARTED -> reject(id, CommandJournal.RESTARTED);
			case UNREADABLE -> reject(id, CommandJournal.UNREADABLE);
		}
	}

	private void handleAck(ResultAck ack) {
		try {
			if (!this.journal.recordAcknowledged(ack.commandId())) {
				logger.debug("acknowledgement for command {} with no unacknowledged result", ack.commandId());
			}
		}
		catch (IOException ex) {
			// The result is resent after the next reconnect and acknowledged again.
			logger.warn("cannot journal the acknowledgement of command {}: {}", ack.commandId(), ex.getMessage());
		}
	}

	/**
	 * Keeps a command until its start instant, converted from the brain's clock to this
	 * node's with the measured offset. A time-aligned command is refused, with the
	 * reason, when the offset is unknown or too uncertain, or when it arrived too late to
	 * start with the others.
	 */
	private void load(RunCommand command) {
		String id = command.commandId();
		if (this.waiting.containsKey(id)) {
			logger.info("command {} redelivered while waiting for its start", id);
			return;
		}
		long maxError = command.maxClockErrorMillis();
		OptionalLong error = this.brainClock.errorMillis();
		if (maxError > 0 && error.isEmpty()) {
			reject(id, "time-aligned start refused: the node has not measured its clock offset to the brain yet "
					+ "(no heartbeat answered since it started)");
			return;
		}
		if (maxError > 0 && error.getAsLong() > maxError) {
			reject(id, "time-aligned start refused: the node's clock offset is uncertain by " + error.getAsLong()
					+ " ms, more than the allowed " + maxError + " ms");
			return;
		}
		long localStart = command.startAtMillis() - this.brainClock.offsetMillis().orElse(0);
		long delay = localStart - this.clock.millis();
		if (maxError > 0 && delay < -maxError) {
			reject(id, "time-aligned start refused: the command reached the node " + -delay
					+ " ms after its start instant");
			return;
		}
		if (delay <= 0) {
			start(command);
			return;
		}
		logger.info("command {} loaded; it starts in {} ms", id, delay);
		this.waiting.put(id, this.timer.schedule(() -> onDesk(id, () -> fire(command)), delay, TimeUnit.MILLISECONDS));
	}

	private void fire(RunCommand command) {
		String id = command.commandId();
		if (this.waiting.remove(id) != null && this.journal.state(id) == JournalState.NEW) {
			start(command);
		}
	}

	private void start(RunCommand command) {
		String id = command.commandId();
		if (this.commands.isShutdown()) {
			// Not journalled: the brain redelivers it and the next start runs it.
			logger.info("not running command {}: the tentacle is stopping", id);
			return;
		}
		long startedAt = this.clock.millis();
		try {
			this.journal.recordStarted(id, startedAt);
		}
		catch (IOException ex) {
			// Without a durable "started" a crash could lead to a second run: not
			// running it is the only safe answer. Nothing was started, so a redelivery
			// may try again.
			logger.error("not running command {}: cannot write the journal: {}", id, ex.getMessage());
			this.delivery.deliver(new CommandResult(id, CommandOutcome.ERROR, -1, "", "", false, startedAt,
					this.clock.millis(), "cannot record the command in the tentacle's journal: " + ex.getMessage()));
			return;
		}
		RunControl control = new RunControl(command.streamOutput() ? this.delivery : null);
		this.running.put(id, control);
		this.delivery.sendBestEffort(new CommandStarted(id, startedAt, this.brainClock.offsetMillis().orElse(0),
				this.brainClock.errorMillis().orElse(-1)));
		try {
			this.commands.execute(() -> {
				logger.info("running command {} ({})", id, command.mode());
				finish(this.runner.run(command, control));
			});
		}
		catch (RejectedExecutionException ex) {
			logger.info("not running command {}: the tentacle is stopping", id);
			long now = this.clock.millis();
			finish(new CommandResult(id, CommandOutcome.REJECTED, -1, "", "", false, now, now,
					"the tentacle was stopping; it was not run"));
		}
	}

	private void finish(CommandResult result) {
		try {
			record(result);
		}
		finally {
			this.running.remove(result.commandId());
		}
	}

	private void record(CommandResult result) {
		CommandResult stored;
		try {
			stored = this.journal.recordResult(result);
		}
		catch (IOException ex) {
			// Sent anyway, once; after a restart the command is reported as rejected.
			logger.error("cannot journal the result of command {}: {}", result.commandId(), ex.getMessage());
			stored = result;
		}
		this.delivery.deliver(stored);
	}

	private void reject(String commandId, String why) {
		logger.warn("not running command {}: {}", commandId, why);
		long now = this.clock.millis();
		record(new CommandResult(commandId, CommandOutcome.REJECTED, -1, "", "", false, now, now, why));
	}

	private void resend(String commandId, String why) {
		logger.info("command {} {}; sending its stored result", commandId, why);
		this.journal.result(commandId).ifPresent(this.delivery::deliver);
	}

}
