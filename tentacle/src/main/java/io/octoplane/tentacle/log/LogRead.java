package io.octoplane.tentacle.log;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Collectors;

import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.protocol.log.LogQuery;
import io.octoplane.protocol.log.LogTail;
import io.octoplane.tentacle.command.CommandRunner;
import io.octoplane.tentacle.command.RunControl;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a {@code log-read} command from the tentacle's own log files, without starting
 * a process: the newest lines, one per line of stdout, no more bytes than the command's
 * output limit (the result is marked truncated when older lines were left out for it).
 * Like every command it never throws.
 */
public final class LogRead {

	/** The active log file's name in the {@code @log} folder. */
	public static final String FILE_NAME = "tentacle.log";

	private final Path file;

	private final LogTail tail;

	private final Clock clock;

	/**
	 * Creates the reader of the tentacle's log.
	 * @param logFolder the folder of {@code @log}
	 * @param clock the node clock, for result times and the day limit
	 */
	public LogRead(Path logFolder, Clock clock) {
		this.file = file(logFolder);
		this.tail = new LogTail(clock);
		this.clock = clock;
	}

	/**
	 * The active log file in the log folder. (Here rather than in {@link TentacleLog}: a
	 * tentacle run in-process logs through its JVM's provider, but still reads.)
	 * @param logFolder the folder of {@code @log}
	 * @return {@code <logFolder>/tentacle.log}
	 */
	public static Path file(Path logFolder) {
		return logFolder.resolve(FILE_NAME);
	}

	/**
	 * Reads the lines a command asks for.
	 * @param command a {@code log-read} command
	 * @param control its handle; a cancel before the start is honoured
	 * @return the result; never {@code null}
	 */
	public CommandResult run(RunCommand command, RunControl control) {
		long startedAt = this.clock.millis();
		String cancelled = control.cancelledBeforeStart();
		if (cancelled != null) {
			return CommandRunner.cancelled(command.commandId(), startedAt, cancelled);
		}
		try {
			LogQuery query = Json.MAPPER.readValue(command.command(), LogQuery.class);
			LogTail.Lines lines = this.tail.read(this.file, query, command.outputLimitBytes());
			String output = lines.lines().stream().map((line) -> line + "\n").collect(Collectors.joining());
			return new CommandResult(command.commandId(), CommandOutcome.SUCCEEDED, 0, output, "", lines.truncated(),
					startedAt, this.clock.millis(), null);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return failed(command, startedAt, "malformed log query: " + ex.getMessage());
		}
		catch (NoSuchFileException ex) {
			return failed(command, startedAt, "no log file " + this.file
					+ " (the tentacle writes it when started as the tentacle command, not in-process)");
		}
		catch (IOException ex) {
			return failed(command, startedAt, "cannot read the log " + this.file + ": " + ex);
		}
	}

	private CommandResult failed(RunCommand command, long startedAt, String message) {
		return new CommandResult(command.commandId(), CommandOutcome.FAILED, 1, "", message + "\n", false, startedAt,
				this.clock.millis(), message);
	}

	/**
	 * The mapper, made when the first such command arrives: a tentacle that only runs
	 * shell commands never loads Jackson's classes.
	 */
	private static final class Json {

		static final JsonMapper MAPPER = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();

	}

}
