package io.octoplane.protocol.log;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LogTailTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);

	@TempDir
	Path folder;

	private final LogTail tail = new LogTail(CLOCK);

	@Test
	void lastLinesComeFromTheActiveFileThenRolledFilesNewestFirst() throws IOException {
		write("app.log.2026-12-03.0", "a1", "a2");
		write("app.log.2026-12-04.0", "b1", "b2");
		write("app.log.2026-12-04.1", "c1", "c2");
		write("app.log", "d1", "d2");

		assertThat(read(5, 0).lines()).containsExactly("b2", "c1", "c2", "d1", "d2");
		assertThat(read(100, 0).lines()).containsExactly("a1", "a2", "b1", "b2", "c1", "c2", "d1", "d2");
	}

	@Test
	void rolledFilesAreReadWhenTheActiveOneIsMissing() throws IOException {
		write("app.log.2026-12-04.0", "b1", "b2");

		assertThat(read(1, 0).lines()).containsExactly("b2");
	}

	@Test
	void compressedAndForeignFilesAreIgnored() throws IOException {
		write("app.log.2026-12-04.0.gz", "zipped");
		write("app.log.old", "old");
		write("other.log", "other");
		write("app.log", "mine");

		assertThat(read(10, 0).lines()).containsExactly("mine");
	}

	@Test
	void daysKeepOnlyEntriesOfTheLastDays() throws IOException {
		write("app.log.2026-12-01.0", "2026-12-01T10:00:00.000Z INFO too old");
		write("app.log.2026-12-04.0", "2026-12-04T11:00:00.000Z INFO older than a day",
				"2026-12-04T12:59:00.000+01:00 INFO also older (11:59 UTC)",
				"2026-12-04T12:30:00.000Z WARN within a day", "java.lang.IllegalStateException: boom",
				"\tat Foo.bar(Foo.java:1)");
		write("app.log", "2026-12-05T08:00:00.000Z INFO today");

		assertThat(read(100, 1).lines()).containsExactly("2026-12-04T12:30:00.000Z WARN within a day",
				"java.lang.IllegalStateException: boom", "\tat Foo.bar(Foo.java:1)",
				"2026-12-05T08:00:00.000Z INFO today");
		assertThat(read(100, 4).lines()).hasSize(6);
		assertThat(read(100, 5).lines()).hasSize(7);
	}

	@Test
	void continuationLinesOfAnEntryOlderThanTheLimitAreLeftOut() throws IOException {
		write("app.log", "2026-12-01T10:00:00.000Z ERROR old failure", "java.lang.RuntimeException: old",
				"\tat Old.trace(Old.java:1)", "2026-12-05 09:00:00,000 INFO logback's default pattern");

		assertThat(read(100, 2).lines()).containsExactly("2026-12-05 09:00:00,000 INFO logback's default pattern");
	}

	@Test
	void byteLimitKeepsTheNewestLinesAndSaysSo() throws IOException {
		write("app.log", "0123456789", "abcdefghij", "ABCDEFGHIJ");

		LogTail.Lines lines = this.tail.read(this.folder.resolve("app.log"), new LogQuery(3, 0), 25);

		assertThat(lines.lines()).containsExactly("abcdefghij", "ABCDEFGHIJ");
		assertThat(lines.truncated()).isTrue();
		assertThat(read(3, 0).truncated()).isFalse();
	}

	@Test
	void aLongLineIsCutAtTheLineLimit() throws IOException {
		write("app.log", "x".repeat(LogTail.MAX_LINE_BYTES * 3), "short");

		List<String> lines = read(2, 0).lines();

		assertThat(lines.get(0)).hasSize(LogTail.MAX_LINE_BYTES);
		assertThat(lines.get(1)).isEqualTo("short");
	}

	@Test
	void linesAcrossChunkBoundariesReadAsWritten() throws IOException {
		List<String> written = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			// 1 to about 1000 bytes, some multi-byte: lines cross every 64 KB chunk edge.
			written.add(i + " " + "é".repeat((i * 37) % 500) + "x".repeat(i % 7));
		}
		write("app.log", written.toArray(String[]::new));

		List<String> read = this.tail.read(this.folder.resolve("app.log"), new LogQuery(3000, 0), 16 << 20).lines();

		assertThat(read).containsExactlyElementsOf(written);
	}

	@Test
	void crLfLineEndsAndAMissingLastLineEndAreRead() throws IOException {
		Files.writeString(this.folder.resolve("app.log"), "one\r\ntwo\r\nthree");

		assertThat(read(10, 0).lines()).containsExactly("one", "two", "three");
	}

	@Test
	void aHugeFileIsReadFromItsEnd() throws IOException {
		Path file = this.folder.resolve("app.log");
		// 64 GB on paper, almost nothing on disk: reading it whole would never end.
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
			raf.setLength(64L << 30);
			raf.seek(raf.length());
			List<String> last = new ArrayList<>();
			IntStream.range(0, 20_000).forEach((i) -> last.add("line " + i));
			raf.write(("\n" + String.join("\n", last) + "\n").getBytes(StandardCharsets.UTF_8));
		}

		LogTail.Lines lines = read(LogQuery.MAX_LINES, 0);

		assertThat(lines.lines()).hasSize(LogQuery.MAX_LINES).startsWith("line 10000").endsWith("line 19999");
	}

	@Test
	void noLogFileIsAnError() {
		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> read(10, 0));
	}

	@Test
	void queryLimits_areChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LogQuery(0, 0)).withMessageContaining("lines");
		assertThatIllegalArgumentException().isThrownBy(() -> new LogQuery(LogQuery.MAX_LINES + 1, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new LogQuery(1, -1)).withMessageContaining("days");
		assertThatIllegalArgumentException().isThrownBy(() -> new LogQuery(1, LogQuery.MAX_DAYS + 1));
	}

	private LogTail.Lines read(int lines, int days) throws IOException {
		return this.tail.read(this.folder.resolve("app.log"), new LogQuery(lines, days), 1 << 20);
	}

	private void write(String name, String... lines) throws IOException {
		Files.writeString(this.folder.resolve(name), String.join("\n", lines) + "\n");
	}

}
