package io.octoplane.tentacle.log;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the {@code tentacle} command ({@link TentacleLog#install()}
 * selects it): lines to stdout at the levels of {@value #LEVEL_ENV} (default
 * {@code info}; see {@link LogLevels} for the form), and to the log file once the command
 * knows its folder. Tentacles run in-process by tests or the fleet simulator log through
 * whatever provider their JVM has.
 */
public final class TentacleLogProvider implements SLF4JServiceProvider {

	/**
	 * The environment variable with the log levels, such as {@code debug} or
	 * {@code info,io.octoplane.tentacle.connection=debug}.
	 */
	public static final String LEVEL_ENV = "OCTOPLANE_LOG_LEVEL";

	private final IMarkerFactory markers = new BasicMarkerFactory();

	private final MDCAdapter mdc = new NOPMDCAdapter();

	private @Nullable LineLoggers loggers;

	@Override
	public void initialize() {
		LogLevels levels;
		try {
			levels = LogLevels.parse(System.getenv(LEVEL_ENV));
		}
		catch (IllegalArgumentException ex) {
			System.err.println("tentacle: " + LEVEL_ENV + ": " + ex.getMessage() + "; logging at info");
			levels = LogLevels.defaults();
		}
		this.loggers = new LineLoggers(levels, System.out, Clock.systemDefaultZone());
	}

	@Override
	public ILoggerFactory getLoggerFactory() {
		LineLoggers initialized = this.loggers;
		if (initialized == null) {
			throw new IllegalStateException("SLF4J did not initialize the provider");
		}
		return initialized;
	}

	@Override
	public IMarkerFactory getMarkerFactory() {
		return this.markers;
	}

	@Override
	public MDCAdapter getMDCAdapter() {
		return this.mdc;
	}

	@Override
	public String getRequestedApiVersion() {
		return "2.0.99";
	}

}
