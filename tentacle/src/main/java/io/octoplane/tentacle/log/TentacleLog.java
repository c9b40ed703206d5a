package io.octoplane.tentacle.log;

import java.nio.file.Path;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Where and how the {@code tentacle} command logs. It selects the tentacle's own SLF4J
 * provider before the first logger is made, and adds the log file only once the log
 * folder is known: tentacles run in-process by tests or the fleet simulator share one JVM
 * (and its provider) and must not write each other's files.
 */
public final class TentacleLog {

	/** Days of rolled files kept. */
	public static final int RETENTION_DAYS = 7;

	/** 10 MB a file, 1 GB for all rolled files, {@value #RETENTION_DAYS} days. */
	static final RollingLogFile.Policy POLICY = new RollingLogFile.Policy(10L * 1000 * 1000, 1000L * 1000 * 1000,
			RETENTION_DAYS);

	private TentacleLog() {
	}

	/**
	 * Makes {@link TentacleLogProvider} the SLF4J provider of this JVM; called first
	 * thing by the command's {@code main}, before any logger exists.
	 */
	public static void install() {
		System.setProperty("slf4j.provider", TentacleLogProvider.class.getName());
		// SLF4J would otherwise report at every start that it honoured the property.
		System.setProperty("slf4j.internal.verbosity", "WARN");
	}

	/**
	 * Adds the rolling file to the logging set-up: rolled daily to
	 * {@code tentacle.log.yyyy-MM-dd.i} (uncompressed, so the newest lines are read from
	 * the end), at most 10 MB a file and 1 GB in all, kept {@value #RETENTION_DAYS} days.
	 * Does nothing when this JVM logs through another provider, or the file was added
	 * already.
	 * @param logFolder the folder of {@code @log}
	 */
	public static void writeTo(Path logFolder) {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (factory instanceof LineLoggers loggers) {
			loggers.writeTo(LogRead.file(logFolder), POLICY);
		}
	}

}
