package io.octoplane.tentacle.log;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

/**
 * The least level each logger writes, from a spec such as
 * {@code info,io.octoplane.tentacle.connection=debug}: an optional level for every
 * logger, then {@code NAME=LEVEL} pairs for a logger and the loggers below it (the
 * longest matching name wins). Levels are {@code trace}, {@code debug}, {@code info},
 * {@code warn}, {@code error} and {@code off}; the default is {@code info}.
 */
final class LogLevels {

	/** Above every level: nothing is written. */
	static final int OFF = Integer.MAX_VALUE;

	private final int root;

	private final Map<String, Integer> byName;

	private LogLevels(int root, Map<String, Integer> byName) {
		this.root = root;
		this.byName = Map.copyOf(byName);
	}

	static LogLevels defaults() {
		return new LogLevels(Level.INFO.toInt(), Map.of());
	}

	/**
	 * Reads a spec.
	 * @param spec the spec, or {@code null} or blank for the default
	 * @return the levels
	 * @throws IllegalArgumentException if a level or a pair is not understood
	 */
	static LogLevels parse(@Nullable String spec) {
		int root = Level.INFO.toInt();
		Map<String, Integer> byName = new LinkedHashMap<>();
		if (spec == null || spec.isBlank()) {
			return defaults();
		}
		for (String part : spec.split(",")) {
			String item = part.strip();
			int equals = item.indexOf('=');
			if (item.isEmpty()) {
				continue;
			}
			if (equals < 0) {
				root = level(item);
			}
			else if (equals == 0) {
				throw new IllegalArgumentException("'" + item + "' names no logger before '='");
			}
			else {
				byName.put(item.substring(0, equals).strip(), level(item.substring(equals + 1).strip()));
			}
		}
		return new LogLevels(root, byName);
	}

	/**
	 * The least level a logger writes.
	 * @param logger the logger's name
	 * @return a level's {@link Level#toInt()}, or {@link #OFF}
	 */
	int threshold(String logger) {
		String name = logger;
		while (true) {
			Integer level = this.byName.get(name);
			if (level != null) {
				return level;
			}
			int dot = name.lastIndexOf('.');
			if (dot < 0) {
				return this.root;
			}
			name = name.substring(0, dot);
		}
	}

	private static int level(String text) {
		String name = text.toUpperCase(Locale.ROOT);
		if (name.equals("OFF")) {
			return OFF;
		}
		for (Level level : Level.values()) {
			if (level.name().equals(name)) {
				return level.toInt();
			}
		}
		throw new IllegalArgumentException(
				"'" + text + "' is not a log level (trace, debug, info, warn, error or off)");
	}

}
