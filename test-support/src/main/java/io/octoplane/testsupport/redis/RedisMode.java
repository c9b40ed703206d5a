package io.octoplane.testsupport.redis;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Where the Redis test extensions run Redis: local {@code redis-server} processes, or
 * containers of the {@value RedisContainers#IMAGE} image. Chosen with
 * {@code -Doctoplane.test.redis=container|process|auto} (or the environment variable
 * {@code OCTOPLANE_TEST_REDIS}); {@code auto}, the default, uses containers where a
 * Docker engine answers and processes elsewhere, so a contributor with Docker needs no
 * Redis installed and CI, without an engine, runs the system's redis-server.
 */
public enum RedisMode {

	/** Redis in containers; fails at once when there is no Docker engine. */
	CONTAINER,

	/** The system's redis-server in child processes. */
	PROCESS,

	/** {@link #CONTAINER} where a Docker engine answers, else {@link #PROCESS}. */
	AUTO;

	/** The system property that chooses the mode. */
	public static final String PROPERTY = "octoplane.test.redis";

	/** The environment variable read when the system property is not set. */
	public static final String ENVIRONMENT = "OCTOPLANE_TEST_REDIS";

	private static final System.Logger logger = System.getLogger(RedisMode.class.getName());

	/**
	 * Reads a mode as the property spells it, in any case.
	 * @param text the property's value; {@code null} or blank means {@link #AUTO}
	 * @return the mode
	 * @throws IllegalArgumentException if it names no mode; the message lists them
	 */
	public static RedisMode parse(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return AUTO;
		}
		String name = text.strip().toUpperCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter((mode) -> mode.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"-D" + PROPERTY + "=" + text.strip() + " is not a Redis test mode; use "
							+ Arrays.stream(values())
								.map((mode) -> mode.name().toLowerCase(Locale.ROOT))
								.collect(Collectors.joining(", "))));
	}

	/**
	 * Settles this requested mode into the one to use.
	 * @param dockerAvailable whether a Docker engine answers; asked only for
	 * {@link #AUTO} and {@link #CONTAINER}
	 * @return {@link #CONTAINER} or {@link #PROCESS}
	 * @throws IllegalStateException if containers are required and no engine answers
	 */
	public RedisMode resolve(BooleanSupplier dockerAvailable) {
		return switch (this) {
			case PROCESS -> PROCESS;
			case AUTO -> dockerAvailable.getAsBoolean() ? CONTAINER : PROCESS;
			case CONTAINER -> {
				if (!dockerAvailable.getAsBoolean()) {
					throw new IllegalStateException("-D" + PROPERTY + "=container, but no Docker engine answers; "
							+ "start one, or use -D" + PROPERTY + "=process with a local redis-server");
				}
				yield CONTAINER;
			}
		};
	}

	/**
	 * The line the extensions log once, saying where Redis runs and why.
	 * @param requested the mode asked for
	 * @return one line for the test log
	 */
	public String describe(RedisMode requested) {
		String where = (this == CONTAINER) ? "containers of " + RedisContainers.IMAGE : "local redis-server processes";
		String why = (requested == AUTO) ? ((this == CONTAINER) ? "a Docker engine answers" : "no Docker engine found")
				: "asked for";
		return "Redis for tests: " + where + " (-D" + PROPERTY + "=" + requested.name().toLowerCase(Locale.ROOT) + ", "
				+ why + ")";
	}

	/**
	 * The mode of this test JVM, settled once: from the system property or the
	 * environment, asking Testcontainers whether a Docker engine answers only when that
	 * matters. The choice is logged once.
	 * @return {@link #CONTAINER} or {@link #PROCESS}
	 */
	public static RedisMode selected() {
		return Selected.MODE;
	}

	static RedisMode select(@Nullable String property, Map<String, String> env, BooleanSupplier dockerAvailable) {
		RedisMode requested = parse((property != null) ? property : env.get(ENVIRONMENT));
		RedisMode mode = requested.resolve(dockerAvailable);
		logger.log(System.Logger.Level.INFO, mode.describe(requested));
		return mode;
	}

	/** Holds the JVM's choice; the class initialises on the first call to selected(). */
	private static final class Selected {

		static final RedisMode MODE = select(System.getProperty(PROPERTY), System.getenv(),
				DockerProbe::dockerAvailable);

	}

}
