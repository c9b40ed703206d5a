package io.octoplane.tentacle.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.RunCommand;

/**
 * One foreground process: started in its own session, output captured, waited for up to
 * the command's timeout and killed with its whole tree after that.
 */
final class ForegroundRun {

	static final File DEV_NULL = new File("/dev/null");

	// Output still in the pipes when the process exits takes a moment to be read; a pipe
	// held open by an escaped grandchild never ends, so the wait is bounded.
	private static final Duration DRAIN_AFTER_EXIT = Duration.ofSeconds(2);

	private final Path workspace;

	private final int outputLimitBytes;

	private final Clock clock;

	ForegroundRun(Path workspace, int outputLimitBytes, Clock clock) {
		this.workspace = workspace;
		this.outputLimitBytes = outputLimitBytes;
		this.clock = clock;
	}

	CommandResult run(RunCommand command, List<String> argv) {
		long startedAt = this.clock.millis();
		Process process;
		try {
			process = new ProcessBuilder(ProcessTree.inOwnSession(argv)).directory(this.workspace.toFile())
				.redirectInput(DEV_NULL)
				.start();
		}
		catch (IOException | RuntimeException ex) {
			return CommandRunner.error(command, startedAt, this.clock.millis(),
					"cannot start process: " + ex.getMessage());
		}
		int limit = Math.min(command.outputLimitBytes(), this.outputLimitBytes);
		String name = "command-" + command.commandId();
		OutputCapture stdout = OutputCapture.start(process.getInputStream(), limit, name + "-stdout");
		OutputCapture stderr = OutputCapture.start(process.getErrorStream(), limit, name + "-stderr");
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
		}
		catch (InterruptedException ex) {
			interrupted = true;
		}
		long finishedAt = this.clock.millis();
		String out = stdout.text();
		String err = stderr.text();
		boolean truncated = stdout.truncated() || stderr.truncated();
		if (interrupted) {
			Thread.currentThread().interrupt();
			return new CommandResult(command.commandId(), CommandOutcome.ERROR, -1, out, err, truncated, startedAt,
					finishedAt, "killed: the tentacle is stopping");
		}
		if (!exited) {
			return new CommandResult(command.commandId(), CommandOutcome.TIMED_OUT, -1, out, err, truncated, startedAt,
					finishedAt, "timed out after " + command.timeoutMillis() + " ms; process tree killed");
		}
		int exitCode = process.exitValue();
		return new CommandResult(command.commandId(),
				(exitCode == 0) ? CommandOutcome.SUCCEEDED : CommandOutcome.FAILED, exitCode, out, err, truncated,
				startedAt, finishedAt, null);
	}

}
