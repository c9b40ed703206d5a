package io.octoplane.tentacle.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * The tentacle's logging: lines go to a console stream (stdout, for journald and service
 * managers) and, once {@link #writeTo} named it, to a {@link RollingLogFile}. One lock
 * keeps the lines of concurrent threads whole in both. About a dozen small classes
 * instead of a logging framework: the agent logs little, and every class it loads stays
 * resident for as long as the node runs.
 */
final class LineLoggers implements ILoggerFactory {

	private final LogLevels levels;

	private final PrintStream console;

	private final Clock clock;

	private final Map<String, LineLogger> loggers = new ConcurrentHashMap<>();

	private @Nullable RollingLogFile file;

	private boolean fileFailed;

	LineLoggers(LogLevels levels, PrintStream console, Clock clock) {
		this.levels = levels;
		this.console = console;
		this.clock = clock;
	}

	@Override
	public Logger getLogger(String name) {
		return this.loggers.computeIfAbsent(name, (key) -> new LineLogger(key, this.levels.threshold(key), this));
	}

	/**
	 * Adds the log file; a second call keeps the first file.
	 * @param activeFile the file lines are appended to
	 * @param policy when it rolls and what is kept
	 */
	synchronized void writeTo(Path activeFile, RollingLogFile.Policy policy) {
		if (this.file == null) {
			this.file = new RollingLogFile(activeFile, policy, this.clock.getZone());
		}
	}

	/** Closes the log file; lines go to the console only afterwards. */
	synchronized void closeFile() {
		if (this.file != null) {
			this.file.close();
			this.file = null;
		}
	}

	synchronized void write(Level level, String logger, String message, @Nullable Throwable thrown) {
		Instant now = this.clock.instant();
		String line = LogLine.format(now, this.clock.getZone(), level, Thread.currentThread().getName(), logger,
				message, thrown);
		this.console.print(line);
		this.console.flush();
		if (this.file == null) {
			return;
		}
		try {
			this.file.append(line.getBytes(StandardCharsets.UTF_8), LocalDate.ofInstant(now, this.clock.getZone()));
			this.fileFailed = false;
		}
		catch (IOException ex) {
			// Said once per failing spell, on the console only: the next line tries
			// again.
			if (!this.fileFailed) {
				this.fileFailed = true;
				this.console.println("cannot write the log file: " + ex);
			}
		}
	}

}
