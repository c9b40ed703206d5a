package io.octoplane.bench.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.RunCommand;

/**
 * How a simulated tentacle carries out a {@link RunCommand}.
 */
public enum SimulatedExecutor {

	/**
	 * Runs nothing: every command succeeds at once with exit status 0 and no output. This
	 * measures the control plane alone, without the fork and exec a real node pays.
	 */
	NOOP {
		@Override
		CommandResult run(RunCommand command) {
			long now = System.currentTimeMillis();
			return new CommandResult(command.commandId(), CommandOutcome.SUCCEEDED, 0, "", "", false, now, now, null);
		}
	},

	/**
	 * Really runs {@code sh -c <command>} as a child process of the simulator, with the
	 * command's time and output limits, as the real tentacle does for shell and script
	 * commands. Background commands are started and left running.
	 */
	EXEC {
		@Override
		CommandResult run(RunCommand command) {
			return exec(command);
		}
	};

	/**
	 * Carries out a command; may block for as long as the command runs.
	 * @param command the command
	 * @return its result
	 */
	abstract CommandResult run(RunCommand command);

	/**
	 * Parses {@code noop} or {@code exec}, in any case.
	 * @param text the text
	 * @return the executor
	 * @throws IllegalArgumentException for anything else
	 */
	public static SimulatedExecutor parse(String text) {
		return valueOf(text.trim().toUpperCase(Locale.ROOT));
	}

	private static CommandResult exec(RunCommand command) {
		long started = System.currentTimeMillis();
		Process process;
		try {
			process = new ProcessBuilder(List.of("sh", "-c", command.command())).start();
		}
		catch (IOException ex) {
			return new CommandResult(command.commandId(), CommandOutcome.ERROR, -1, "", "", false, started,
					System.currentTimeMillis(), "cannot start sh: " + ex.getMessage());
		}
		try {
			process.getOutputStream().close();
			if (command.mode() == CommandMode.BACKGROUND) {
				return new CommandResult(command.commandId(), CommandOutcome.STARTED, -1, "", "", false, started,
						System.currentTimeMillis(), null);
			}
			Capture stderr = Capture.start(process.getErrorStream(), command.outputLimitBytes());
			Capture stdout = Capture.start(process.getInputStream(), command.outputLimitBytes());
			boolean exited = process.waitFor(command.timeoutMillis(), TimeUnit.MILLISECONDS);
			if (!exited) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor();
			}
			String out = stdout.text();
			String err = stderr.text();
			boolean truncated = stdout.truncated() || stderr.truncated();
			long finished = System.currentTimeMillis();
			if (!exited) {
				CommandOutcome outcome = command.continuous() ? CommandOutcome.SUCCEEDED : CommandOutcome.TIMED_OUT;
				return new CommandResult(command.commandId(), outcome, -1, out, err, truncated, started, finished,
						command.continuous() ? null : "killed after " + command.timeoutMillis() + " ms");
			}
			int status = process.exitValue();
			CommandOutcome outcome = (status == 0) ? CommandOutcome.SUCCEEDED : CommandOutcome.FAILED;
			return new CommandResult(command.commandId(), outcome, status, out, err, truncated, started, finished,
					null);
		}
		catch (IOException ex) {
			process.destroyForcibly();
			return new CommandResult(command.commandId(), CommandOutcome.ERROR, -1, "", "", false, started,
					System.currentTimeMillis(), ex.getMessage());
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			return new CommandResult(command.commandId(), CommandOutcome.CANCELLED, -1, "", "", false, started,
					System.currentTimeMillis(), "simulator stopped");
		}
	}

	/**
	 * Reads one output stream on its own virtual thread, keeping the first bytes up to a
	 * limit and draining the rest so that the child never blocks on a full pipe.
	 */
	private static final class Capture {

		private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

		private final Thread reader;

		private final int limit;

		private volatile boolean truncated;

		private Capture(InputStream in, int limit) {
			this.limit = limit;
			this.reader = Thread.ofVirtual().start(() -> drain(in));
		}

		static Capture start(InputStream in, int limit) {
			return new Capture(in, limit);
		}

		private void drain(InputStream in) {
			byte[] buffer = new byte[8192];
			try (in) {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					int room = this.limit - this.kept.size();
					if (n > room) {
						this.truncated = true;
					}
					this.kept.write(buffer, 0, Math.max(0, Math.min(n, room)));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		String text() throws InterruptedException {
			this.reader.join();
			return this.kept.toString(StandardCharsets.UTF_8);
		}

		boolean truncated() {
			return this.truncated;
		}

	}

}
