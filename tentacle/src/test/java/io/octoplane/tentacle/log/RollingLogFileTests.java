package io.octoplane.tentacle.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RollingLogFileTests {

	private static final LocalDate DAY = LocalDate.parse("2026-12-05");

	@TempDir
	Path dir;

	@Test
	void aNewDayRollsTheFileToTheDayItsLinesWereWritten() throws IOException {
		RollingLogFile file = file(new RollingLogFile.Policy(1000, 100_000, 7));
		file.append(line("one"), DAY);
		file.append(line("two"), DAY.plusDays(1));
		file.close();

		assertThat(Files.readString(this.dir.resolve("tentacle.log.2026-12-05.0"))).isEqualTo("one\n");
		assertThat(Files.readString(this.dir.resolve("tentacle.log"))).isEqualTo("two\n");
	}

	@Test
	void aFullFileRollsToTheNextIndexOfItsDay() throws IOException {
		RollingLogFile file = file(new RollingLogFile.Policy(8, 100_000, 7));
		file.append(line("one"), DAY);
		file.append(line("two"), DAY);
		file.append(line("three"), DAY);
		file.close();

		assertThat(Files.readString(this.dir.resolve("tentacle.log.2026-12-05.0"))).isEqualTo("one\ntwo\n");
		assertThat(Files.readString(this.dir.resolve("tentacle.log"))).isEqualTo("three\n");
	}

	@Test
	void rolledFilesOlderThanTheRetentionOrBeyondTheTotalAreDeleted() throws IOException {
		Files.writeString(this.dir.resolve("tentacle.log.2026-11-20.0"), "too old\n");
		Files.writeString(this.dir.resolve("tentacle.log.2026-12-03.0"), "kept, but over the total\n");
		Files.writeString(this.dir.resolve("tentacle.log.2026-12-04.0"), "kept\n");
		Files.writeString(this.dir.resolve("tentacle.log.2026-12-01.x"), "not a rolled file\n");
		RollingLogFile file = file(new RollingLogFile.Policy(1000, 12, 7));
		file.append(line("one"), DAY);
		file.append(line("two"), DAY.plusDays(1));
		file.close();

		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files.map((path) -> path.getFileName().toString())).containsExactlyInAnyOrder("tentacle.log",
					"tentacle.log.2026-12-05.0", "tentacle.log.2026-12-04.0", "tentacle.log.2026-12-01.x");
		}
	}

	@Test
	void anExistingFileIsAppendedTo() throws IOException {
		Files.writeString(this.dir.resolve("tentacle.log"), "before\n");
		RollingLogFile file = file(new RollingLogFile.Policy(1000, 100_000, 7));
		file.append(line("after"), LocalDate.now(ZoneOffset.UTC));
		file.close();

		assertThat(Files.readString(this.dir.resolve("tentacle.log"))).isEqualTo("before\nafter\n");
	}

	private RollingLogFile file(RollingLogFile.Policy policy) {
		return new RollingLogFile(this.dir.resolve("tentacle.log"), policy, ZoneOffset.UTC);
	}

	private static byte[] line(String text) {
		return (text + "\n").getBytes(StandardCharsets.UTF_8);
	}

}
