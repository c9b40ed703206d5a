package io.octoplane.tentacle.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.tentacle.command.RunControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LogReadTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);

	@TempDir
	Path workspace;

	@Test
	void newestLinesOfTheLogFolderAreTheOutput() throws IOException {
		Path log = Files.createDirectories(this.workspace.resolve("log"));
		Files.writeString(log.resolve("tentacle.log.2026-12-01.0"), "2026-12-01T08:00:00.000Z  INFO old\n");
		Files.writeString(log.resolve("tentacle.log"),
				"2026-12-05T08:00:00.000Z  INFO one\n2026-12-05T09:00:00.000Z  WARN two\n");
		Files.writeString(log.resolve("script.log"), "a nodeapp's log, not the tentacle's\n");

		CommandResult all = read("{\"lines\":10,\"days\":0}", 4096);
		CommandResult recent = read("{\"lines\":10,\"days\":2}", 4096);
		CommandResult last = read("{\"lines\":1,\"days\":0}", 4096);

		assertThat(all.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(all.stdout()).isEqualTo("2026-12-01T08:00:00.000Z  INFO old\n2026-12-05T08:00:00.000Z  INFO one\n"
				+ "2026-12-05T09:00:00.000Z  WARN two\n");
		assertThat(recent.stdout()).doesNotContain("old").contains("one", "two");
		assertThat(last.stdout()).isEqualTo("2026-12-05T09:00:00.000Z  WARN two\n");
		assertThat(last.outputTruncated()).isFalse();
	}

	@Test
	void outputLimitKeepsTheNewestLinesAndMarksTheResultTruncated() throws IOException {
		Path log = Files.createDirectories(this.workspace.resolve("log"));
		Files.writeString(log.resolve("tentacle.log"), "first line\nsecond line\n");

		CommandResult result = read("{\"lines\":10,\"days\":0}", 15);

		assertThat(result.stdout()).isEqualTo("second line\n");
		assertThat(result.outputTruncated()).isTrue();
	}

	@Test
	void withoutALogFileTheResultSaysWhy() {
		CommandResult result = read("{\"lines\":10,\"days\":0}", 4096);

		assertThat(result.outcome()).isEqualTo(CommandOutcome.FAILED);
		assertThat(result.error()).startsWith("no log file " + this.workspace.resolve("log/tentacle.log"));
	}

	@Test
	void aMalformedQueryFails() {
		CommandResult result = read("{\"lines\":0,\"days\":0}", 4096);

		assertThat(result.outcome()).isEqualTo(CommandOutcome.FAILED);
		assertThat(result.error()).startsWith("malformed log query").contains("lines must be between 1 and 10000");
	}

	@Test
	void theTentacleCommandWritesItsLinesToTheLogFolder() throws IOException {
		LineLoggers loggers = new LineLoggers(LogLevels.defaults(), new PrintStream(OutputStream.nullOutputStream()),
				Clock.systemDefaultZone());
		loggers.writeTo(LogRead.file(this.workspace.resolve("log")), TentacleLog.POLICY);
		try {
			loggers.getLogger(LogReadTests.class.getName()).info("a line for the {}", "file");
		}
		finally {
			loggers.closeFile();
		}

		String text = Files.readString(this.workspace.resolve("log/tentacle.log"));

		assertThat(text)
			.containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)  INFO "
					+ "\\[[^]]+\\] i\\.o\\.tentacle\\.log\\.LogReadTests : a line for the file");
		assertThat(new LogRead(this.workspace.resolve("log"), Clock.systemUTC())
			.run(command("{\"lines\":1,\"days\":1}", 4096), new RunControl(null))
			.stdout()).contains("a line for the file");
	}

	private CommandResult read(String query, int limit) {
		return new LogRead(this.workspace.resolve("log"), CLOCK).run(command(query, limit), new RunControl(null));
	}

	private static RunCommand command(String query, int limit) {
		return new RunCommand("log-1", CommandMode.LOG_READ, query, 10_000, limit);
	}

}
