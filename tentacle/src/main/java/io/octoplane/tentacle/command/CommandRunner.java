package io.octoplane.tentacle.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.tentacle.file.FileCommands;
import io.octoplane.tentacle.file.NodePaths;
import io.octoplane.tentacle.http.HttpFetch;
import io.octoplane.tentacle.log.LogRead;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link RunCommand} in the workspace and describes how it ended. Commands and
 * scripts run with the tentacle's {@link Shell} and {@link ScriptEnvironment}, and what
 * they write to {@code $OCTOPODA_OUTPUT} comes back in the result. {@code run} blocks for
 * foreground commands, so callers run it off the connection's threads; it never throws:
 * anything that goes wrong becomes an {@link CommandOutcome#ERROR} result.
 *
 * <p>
 * Thread-safe; commands may run concurrently.
 */
public final class CommandRunner {

	/**
	 * Folder under the workspace for the agent's own files (scripts, background logs).
	 */
	public static final String STATE_FOLDER = ".octoplane";

	/**
	 * Folder under {@link #STATE_FOLDER} for the per-run files behind
	 * {@code $OCTOPODA_OUTPUT}.
	 */
	static final String OUTPUT_FOLDER = "output";

	private static final Logger logger = LoggerFactory.getLogger(CommandRunner.class);

	private final Path workspace;

	private final Clock clock;

	private final ForegroundRun foreground;

	private final ScriptEnvironment environment;

	private final Shell shell;

	private final NodeappRunner nodeapps;

	private final @Nullable FileCommands files;

	private final HttpFetch http;

	private final LogRead logs;

	/**
	 * Creates a runner with the default folders and shell.
	 * @param workspace the folder commands run in
	 * @param outputLimitBytes cap on the bytes kept of stdout and of stderr each,
	 * whatever a command asks for
	 * @param clock the clock for start and finish times
	 */
	public CommandRunner(Path workspace, int outputLimitBytes, Clock clock) {
		this(new NodePaths(workspace), outputLimitBytes, clock, () -> null, Map.of(), null, null);
	}

	/**
	 * Creates a runner that also runs nodeapp tasks and file commands.
	 * @param paths the workspace (where commands run) and the other named folders
	 * @param outputLimitBytes cap on the bytes kept of stdout, of stderr and of
	 * {@code $OCTOPODA_OUTPUT} each, whatever a command asks for
	 * @param clock the clock for start and finish times
	 * @param nodeName the node's name (for {@code OCTOPODA_NODENAME}), known once the
	 * brain welcomed the tentacle
	 * @param scriptEnv extra variables for every command and script, from the tentacle's
	 * configuration
	 * @param shell {@code bash}, {@code sh}, an absolute path, or {@code null} for bash
	 * where present, else sh
	 * @param files runs the file modes; {@code null} refuses them
	 */
	public CommandRunner(NodePaths paths, int outputLimitBytes, Clock clock, Supplier<@Nullable String> nodeName,
			Map<String, String> scriptEnv, @Nullable String shell, @Nullable FileCommands files) {
		this(paths, outputLimitBytes, clock, new ScriptEnvironment(paths, nodeName, scriptEnv), Shell.choose(shell),
				files);
	}

	CommandRunner(NodePaths paths, int outputLimitBytes, Clock clock, ScriptEnvironment environment, Shell shell,
			@Nullable FileCommands files) {
		if (outputLimitBytes <= 0) {
			throw new IllegalArgumentException("outputLimitBytes must be positive");
		}
		this.files = files;
		this.workspace = paths.workspace();
		this.clock = clock;
		this.environment = environment;
		this.shell = shell;
		this.foreground = new ForegroundRun(this.workspace, outputLimitBytes, clock);
		this.nodeapps = new NodeappRunner(this.workspace, environment, shell, this.foreground, clock,
				(files != null) ? files::fetchBlob : NodeappRunner.NO_FETCH);
		this.logs = new LogRead(paths.log(), clock);
		this.http = new HttpFetch(clock);
		if (shell.note() != null) {
			logger.warn("commands and scripts run with {}: {}", shell.program(), shell.note());
		}
		else {
			logger.info("commands and scripts run with {}", shell.program());
		}
	}

	/**
	 * Runs the command; returns when it ended, timed out, or (background) was started.
	 * @param command the command
	 * @return the result; never {@code null}
	 */
	public CommandResult run(RunCommand command) {
		return run(command, new RunControl(null));
	}

	/**
	 * Runs the command under a handle that can cancel it and receives its live output.
	 * @param command the command
	 * @param control the run's handle
	 * @return the result; never {@code null}
	 */
	public CommandResult run(RunCommand command, RunControl control) {
		return switch (command.mode()) {
			case SHELL -> this.shell.noted(runCommand(command, control));
			case SCRIPT -> this.shell.noted(runScript(command, control));
			case BACKGROUND -> this.shell.noted(startBackground(command, control));
			case NODEAPP -> this.nodeapps.run(command, control);
			case FILE_RECEIVE, FILE_SEND, FILE_LIST -> (this.files != null) ? this.files.run(command, control)
					: error(command, this.clock.millis(), this.clock.millis(), "file commands are not available here");
			case LOG_READ -> this.logs.run(command, control);
			case HTTP_GET -> this.http.run(command, control);
		};
	}

	private CommandResult runCommand(RunCommand command, RunControl control) {
		return withOutputFile(command, control, this.shell.command(command.command()));
	}

	private CommandResult runScript(RunCommand command, RunControl control) {
		long startedAt = this.clock.millis();
		Path script;
		try {
			Path folder = Files.createDirectories(this.workspace.resolve(STATE_FOLDER));
			// 0700: the script may hold secrets and must not be readable by other users.
			script = Files.createTempFile(folder, "script-", ".sh",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			Files.writeString(script, command.command());
		}
		catch (IOException | RuntimeException ex) {
			return error(command, startedAt, this.clock.millis(), "cannot write script: " + ex.getMessage());
		}
		try {
			return withOutputFile(command, control, this.shell.script(script));
		}
		finally {
			try {
				Files.deleteIfExists(script);
			}
			catch (IOException ex) {
				logger.warn("cannot delete script {}: {}", script, ex.getMessage());
			}
		}
	}

	private CommandResult withOutputFile(RunCommand command, RunControl control, List<String> argv) {
		long startedAt = this.clock.millis();
		OutputFile output;
		try {
			output = OutputFile.create(this.workspace.resolve(STATE_FOLDER).resolve(OUTPUT_FOLDER),
					command.commandId());
		}
		catch (IOException | RuntimeException ex) {
			return error(command, startedAt, this.clock.millis(),
					"cannot create the $OCTOPODA_OUTPUT file: " + ex.getMessage());
		}
		try (output) {
			CommandResult ran = this.foreground.run(command, argv, this.environment.command(output.path()), control);
			return output.read(this.foreground.outputLimit(command)).addTo(ran);
		}
	}

	private CommandResult startBackground(RunCommand command, RunControl control) {
		long startedAt = this.clock.millis();
		String cancelled = control.cancelledBeforeStart();
		if (cancelled != null) {
			return cancelled(command.commandId(), startedAt, cancelled);
		}
		try {
			Path folder = Files.createDirectories(this.workspace.resolve(STATE_FOLDER));
			String name = "bg-" + safeFileName(command.commandId());
			Path log = folder.resolve(name + ".log");
			// The process outlives the run, so its $OCTOPODA_OUTPUT stays beside its log.
			Path output = folder.resolve(name + ".out");
			Files.deleteIfExists(output);
			Files.createFile(output,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			// Own session, no stdin and output in a file: nothing ties the process to the
			// agent, so it keeps running when the tentacle stops or restarts.
			ProcessBuilder builder = new ProcessBuilder(ProcessTree.inOwnSession(this.shell.command(command.command())))
				.directory(this.workspace.toFile())
				.redirectInput(ForegroundRun.DEV_NULL)
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			ScriptEnvironment.apply(builder.environment(), this.environment.command(output));
			Process process = builder.start();
			logger.info("started background command {} as pid {}, output in {}", command.commandId(), process.pid(),
					log);
			return new CommandResult(command.commandId(), CommandOutcome.STARTED, -1, "", "", false, startedAt,
					this.clock.millis(), null);
		}
		catch (IOException | RuntimeException ex) {
			return error(command, startedAt, this.clock.millis(), "cannot start process: " + ex.getMessage());
		}
	}

	static CommandResult error(RunCommand command, long startedAt, long finishedAt, String reason) {
		return new CommandResult(command.commandId(), CommandOutcome.ERROR, -1, "", "", false, startedAt, finishedAt,
				reason);
	}

	/**
	 * The result of a command cancelled before its process started.
	 * @param commandId the command's id
	 * @param atMillis node clock, epoch milliseconds
	 * @param reason the cancel's reason
	 * @return the result
	 */
	public static CommandResult cancelled(String commandId, long atMillis, String reason) {
		return new CommandResult(commandId, CommandOutcome.CANCELLED, -1, "", "", false, atMillis, atMillis, reason);
	}

	static String safeFileName(String commandId) {
		// The id comes from the brain; it must not be able to point outside the folder.
		return commandId.replaceAll("[^A-Za-z0-9._-]", "_").replace("..", "_");
	}

}
