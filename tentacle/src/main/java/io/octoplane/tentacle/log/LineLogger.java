package io.octoplane.tentacle.log;

import java.io.Serial;

import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that hands each enabled line to its {@link LineLoggers}. SLF4J's base
 * class does the argument handling (a trailing throwable, the fluent API); this one only
 * filters by level and formats.
 */
final class LineLogger extends LegacyAbstractLogger {

	@Serial
	private static final long serialVersionUID = 1L;

	private final transient LineLoggers loggers;

	private final int threshold;

	LineLogger(String name, int threshold, LineLoggers loggers) {
		this.name = name;
		this.threshold = threshold;
		this.loggers = loggers;
	}

	private boolean enabled(Level level) {
		return level.toInt() >= this.threshold;
	}

	@Override
	public boolean isTraceEnabled() {
		return enabled(Level.TRACE);
	}

	@Override
	public boolean isDebugEnabled() {
		return enabled(Level.DEBUG);
	}

	@Override
	public boolean isInfoEnabled() {
		return enabled(Level.INFO);
	}

	@Override
	public boolean isWarnEnabled() {
		return enabled(Level.WARN);
	}

	@Override
	public boolean isErrorEnabled() {
		return enabled(Level.ERROR);
	}

	@Override
	protected @Nullable String getFullyQualifiedCallerName() {
		return null;
	}

	@Override
	protected void handleNormalizedLoggingCall(Level level, @Nullable Marker marker, @Nullable String pattern,
			@Nullable Object[] arguments, @Nullable Throwable thrown) {
		if (!enabled(level)) {
			return;
		}
		String message = String.valueOf((arguments != null && arguments.length > 0)
				? MessageFormatter.basicArrayFormat(pattern, arguments) : pattern);
		this.loggers.write(level, this.name, message, thrown);
	}

}
