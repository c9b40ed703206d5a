package io.octoplane.tentacle.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The tentacle's default logging, found by Logback through the service loader: INFO and
 * up to stdout, in the log file's pattern. It ranks below Logback's own file lookup, so a
 * {@code logback.xml} or {@code -Dlogback.configurationFile} still wins, and a Spring
 * Boot application sharing the class path (tests) replaces it as it replaces any default.
 */
@ConfiguratorRank(ConfiguratorRank.FALLBACK + 5)
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {

	@Override
	public ExecutionStatus configure(LoggerContext context) {
		ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
		console.setContext(context);
		console.setName("console");
		console.setEncoder(TentacleLog.encoder(context));
		console.start();
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.INFO);
		root.addAppender(console);
		return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
	}

}
