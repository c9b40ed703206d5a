package io.octoplane.tentacle.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.RunCommand;
import org.jspecify.annotations.Nullable;

/**
 * One foreground process: started in its own session, output captured (and streamed if
 * asked), waited for up to the command's timeout or a cancel, and killed with its whole
 * tree after that.
 */
final class ForegroundRun {

	static final File DEV_NULL = new File("/dev/null");

	// Output still in the pipes when the process exits takes a moment to be read; a pipe
	// held open by an escaped grandchild never ends, so the wait is bounded.
	private static final Duration DRAIN_AFTER_EXIT = Duration.ofSeconds(2);

	// Live chunks should reach the brain before the result, but a slow link must not
	// hold the result back for long.
	private static final Duration LIVE_FLUSH_AFTER_EXIT = Duration.ofSeconds(2);

	private final Path workspace;

	private final int outputLimitBytes;

	private final Clock clock;

	ForegroundRun(Path workspace, int outputLimitBytes, Clock clock) {
		this.workspace = workspace;
		this.outputLimitBytes = outputLimitBytes;
		this.clock = clock;
	}

	CommandResult run(RunCommand command, List<String> argv, Map<String, String> env, RunControl control) {
		return run(command, argv, this.workspace, env, control);
	}

	int outputLimit(RunCommand command) {
		return Math.min(command.outputLimitBytes(), this.outputLimitBytes);
	}

	CommandResult run(RunCommand command, List<String> argv, Path directory, Map<String, String> env,
			RunControl control) {
		long startedAt = this.clock.millis();
		String cancelled = control.cancelledBeforeStart();
		if (cancelled != null) {
			return CommandRunner.cancelled(command.commandId(), startedAt, cancelled);
		}
		Process process;
		try {
			ProcessBuilder builder = new ProcessBuilder(ProcessTree.inOwnSession(argv)).directory(directory.toFile())
				.redirectInput(DEV_NULL);
			ScriptEnvironment.apply(builder.environment(), env);
			process = builder.start();
		}
		catch (IOException | RuntimeException ex) {
			return CommandRunner.error(command, startedAt, this.clock.millis(),
					"cannot start process: " + ex.getMessage());
		}
		control.started(process);
		int limit = outputLimit(command);
		String name = "command-" + command.commandId();
		OutputSink sink = control.liveOutput();
		LiveOutput live = (command.streamOutput() && sink != null) ? LiveOutput.start(command.commandId(), sink) : null;
		OutputCapture stdout = OutputCapture.start(process.getInputStream(), limit, name + "-stdout",
				(live != null) ? live.stdout() : null);
		OutputCapture stderr = OutputCapture.start(process.getErrorStream(), limit, name + "-stderr",
				(live != null) ? live.stderr() : null);
		boolean exited = false;
		boolean interrupted = false;
		try {
			exited = process.waitFor(command.timeoutMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			interrupted = true;
		}
		if (!exited) {
			ProcessTree.kill(process);
		}
		try {
			stdout.await(DRAIN_AFTER_EXIT);
			stderr.await(DRAIN_AFTER_EXIT);
			if (live != null) {
				live.finish(LIVE_FLUSH_AFTER_EXIT);
			}
		}
		catch (InterruptedException ex) {
			interrupted = true;
		}
		Ending ending = new Ending(this.clock.millis(), stdout.text(), stderr.text(),
				stdout.truncated() || stderr.truncated(), (live != null) ? live.droppedBytes() : 0);
		if (interrupted) {
			Thread.currentThread().interrupt();
			return ending.result(command, CommandOutcome.ERROR, -1, startedAt, "killed: the tentacle is stopping");
		}
		String cancelReason = control.cancelledWhileRunning();
		if (cancelReason != null) {
			return ending.result(command, CommandOutcome.CANCELLED, -1, startedAt, cancelReason);
		}
		if (!exited && command.continuous()) {
			// A continuous command (tail -f and friends) never ends by itself: its time
			// limit is its normal end.
			return ending.result(command, CommandOutcome.SUCCEEDED, -1, startedAt, null);
		}
		if (!exited) {
			return ending.result(command, CommandOutcome.TIMED_OUT, -1, startedAt,
					"timed out after " + command.timeoutMillis() + " ms; process tree killed");
		}
		int exitCode = process.exitValue();
		return ending.result(command, (exitCode == 0) ? CommandOutcome.SUCCEEDED : CommandOutcome.FAILED, exitCode,
				startedAt, null);
	}

	/** What is known once the process and its pipes are done. */
	private record Ending(long finishedAt, String stdout, String stderr, boolean truncated, long liveDropped) {

		CommandResult result(RunCommand command, CommandOutcome outcome, int exitCode, long startedAt,
				@Nullable String error) {
			String note = (this.liveDropped > 0) ? "live output: " + this.liveDropped
					+ " bytes were not streamed (the link was too slow); the result holds the output up to its limit"
					: null;
			String combined = (error == null) ? note : (note == null) ? error : error + "; " + note;
			return new CommandResult(command.commandId(), outcome, exitCode, this.stdout, this.stderr, this.truncated,
					startedAt, this.finishedAt, combined);
		}

	}

}
