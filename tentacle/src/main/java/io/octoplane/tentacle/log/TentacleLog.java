package io.octoplane.tentacle.log;

import java.nio.file.Path;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Where and how the tentacle writes its log file. The file is added to the logging set-up
 * only by the {@code tentacle} command, once the log folder is known: tentacles run
 * in-process by tests or the fleet simulator share one JVM and must not write each
 * other's files.
 */
public final class TentacleLog {

	/** Days of rolled files kept. */
	public static final int RETENTION_DAYS = 7;

	/**
	 * Every line starts with an ISO-8601 time with offset, which the log reader uses for
	 * its day limit.
	 */
	static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5level [%thread] %logger{36} : %msg%n";

	static final String APPENDER = "tentacle-file";

	private TentacleLog() {
	}

	/**
	 * Adds the rolling file to the logging set-up: rolled daily to
	 * {@code tentacle.log.yyyy-MM-dd.i} (uncompressed, so the newest lines are read from
	 * the end), at most 10 MB a file and 1 GB in all, kept {@value #RETENTION_DAYS} days.
	 * Does nothing when logging is not Logback's or the file was added already.
	 * @param logFolder the folder of {@code @log}
	 */
	public static void writeTo(Path logFolder) {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (!(factory instanceof LoggerContext context)) {
			return;
		}
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		if (root.getAppender(APPENDER) != null) {
			return;
		}
		String file = LogRead.file(logFolder).toString();
		RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
		appender.setContext(context);
		appender.setName(APPENDER);
		appender.setFile(file);
		SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
		policy.setContext(context);
		policy.setParent(appender);
		policy.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i");
		policy.setMaxFileSize(FileSize.valueOf("10MB"));
		policy.setTotalSizeCap(FileSize.valueOf("1GB"));
		policy.setMaxHistory(RETENTION_DAYS);
		policy.start();
		appender.setRollingPolicy(policy);
		appender.setEncoder(encoder(context));
		appender.start();
		root.addAppender(appender);
	}

	static PatternLayoutEncoder encoder(LoggerContext context) {
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern(PATTERN);
		encoder.start();
		return encoder;
	}

}
