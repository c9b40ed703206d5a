package io.octoplane.tentacle.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LineLoggersTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T08:00:00.123Z"), ZoneId.of("+01:00"));

	private final ByteArrayOutputStream console = new ByteArrayOutputStream();

	@Test
	void aLineHasTheTimeWithItsOffsetTheLevelTheThreadAndTheShortenedLoggerName() {
		Logger logger = loggers("info").getLogger("io.octoplane.tentacle.connection.AgentConnection");

		logger.warn("link lost after {} s", 3);

		assertThat(console()).isEqualTo("2026-12-05T09:00:00.123+01:00  WARN [" + Thread.currentThread().getName()
				+ "] i.o.t.connection.AgentConnection : link lost after 3 s" + System.lineSeparator());
	}

	@Test
	void utcIsWrittenAsZ() {
		new LineLoggers(LogLevels.defaults(), new PrintStream(this.console, true, StandardCharsets.UTF_8),
				Clock.fixed(Instant.parse("2026-01-02T03:04:05.006Z"), ZoneId.of("UTC")))
			.getLogger("a.B")
			.info("x");

		assertThat(console()).startsWith("2026-01-02T03:04:05.006Z  INFO [");
	}

	@Test
	void aThrowableFollowsItsLineAsAStackTrace() {
		loggers("info").getLogger("a.B").error("failed: {}", "x", new IOException("disk full"));

		assertThat(console()).contains("ERROR [")
			.contains("a.B : failed: x")
			.contains("java.io.IOException: disk full");
	}

	@Test
	void levelsComeFromTheSpecWithTheLongestMatchingLoggerName() {
		LineLoggers loggers = loggers("warn,io.octoplane=info,io.octoplane.tentacle.connection=debug");

		assertThat(loggers.getLogger("org.eclipse.jgit.Foo").isInfoEnabled()).isFalse();
		assertThat(loggers.getLogger("io.octoplane.tentacle.Tentacle").isInfoEnabled()).isTrue();
		assertThat(loggers.getLogger("io.octoplane.tentacle.Tentacle").isDebugEnabled()).isFalse();
		assertThat(loggers.getLogger("io.octoplane.tentacle.connection.Link").isDebugEnabled()).isTrue();
		loggers.getLogger("org.eclipse.jgit.Foo").info("not written");
		assertThat(console()).isEmpty();
	}

	@Test
	void offAndBadLevels() {
		assertThat(LogLevels.parse("off").threshold("any")).isEqualTo(LogLevels.OFF);
		assertThat(LogLevels.parse(" ").threshold("any")).isEqualTo(Level.INFO.toInt());
		assertThatIllegalArgumentException().isThrownBy(() -> LogLevels.parse("loud"))
			.withMessageContaining("'loud' is not a log level");
		assertThatIllegalArgumentException().isThrownBy(() -> LogLevels.parse("=debug"))
			.withMessageContaining("names no logger");
	}

	@Test
	void shortLoggerNamesStayWhole() {
		assertThat(LogLine.shortName("io.octoplane.tentacle.Tentacle")).isEqualTo("io.octoplane.tentacle.Tentacle");
		assertThat(LogLine.shortName("io.octoplane.tentacle.log.LogReadTests"))
			.isEqualTo("i.o.tentacle.log.LogReadTests");
	}

	private LineLoggers loggers(String spec) {
		return new LineLoggers(LogLevels.parse(spec), new PrintStream(this.console, true, StandardCharsets.UTF_8),
				CLOCK);
	}

	private String console() {
		return this.console.toString(StandardCharsets.UTF_8);
	}

}
