package io.octoplane.protocol.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the newest lines of a rolling log: the active file {@code NAME} and the files
 * logback rolled it into, {@code NAME.yyyy-MM-dd.i} (the day they were written, in the
 * writer's zone, and their index within that day; compressed files are not read). Files
 * are read backwards from their end in small chunks, so a huge file costs no more memory
 * than the lines returned.
 *
 * <p>
 * A line that starts with an ISO-8601 time (the brain's and the tentacle's log pattern)
 * is an entry's first line; lines without one (stack traces) belong to the entry above
 * them. The day limit is checked on entries; a rolled file older than the limit is not
 * opened at all.
 */
public final class LogTail {

	/** Longest line kept, in bytes; the rest of a longer line is dropped. */
	public static final int MAX_LINE_BYTES = 8192;

	private static final int CHUNK = 64 * 1024;

	private static final Pattern ROLLED = Pattern.compile("\\.(\\d{4}-\\d{2}-\\d{2})\\.(\\d+)");

	private final Clock clock;

	/**
	 * Creates a reader.
	 * @param clock the clock that says what "the last days" are, in the writer's zone
	 */
	public LogTail(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Reads the newest lines, oldest first.
	 * @param activeFile the file the logger writes now; its rolled files are its siblings
	 * @param query how many lines, from how many days
	 * @param maxBytes the most bytes of lines (each with its line end) to return; older
	 * lines beyond it are left out and the answer marked truncated
	 * @return the lines
	 * @throws IOException if a file cannot be read
	 * @throws NoSuchFileException if neither the active file nor a rolled one exists
	 */
	public Lines read(Path activeFile, LogQuery query, long maxBytes) throws IOException {
		Instant cutoff = (query.days() > 0) ? this.clock.instant().minusSeconds(query.days() * 86_400L) : null;
		// A day early: a file's day is in the writer's zone, which may lag the clock's.
		List<Path> files = newestFirst(activeFile,
				(cutoff != null) ? LocalDate.ofInstant(cutoff, this.clock.getZone()).minusDays(1) : null);
		if (files.isEmpty()) {
			throw new NoSuchFileException(activeFile.toString(), null, "no log file");
		}
		Collector collector = new Collector(query.lines(), maxBytes, cutoff, this.clock.getZone());
		for (Path file : files) {
			if (!collector.wantsMore() || !readBackwards(file, collector)) {
				break;
			}
		}
		return collector.finish();
	}

	private static List<Path> newestFirst(Path activeFile, @Nullable LocalDate firstDay) throws IOException {
		String name = activeFile.getFileName().toString();
		Path folder = activeFile.toAbsolutePath().getParent();
		record Rolled(Path path, LocalDate day, long index) {
		}
		List<Rolled> rolled = new ArrayList<>();
		if (folder != null && Files.isDirectory(folder)) {
			try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, name + ".*")) {
				for (Path path : stream) {
					Matcher matcher = ROLLED.matcher(path.getFileName().toString().substring(name.length()));
					if (matcher.matches() && Files.isRegularFile(path)) {
						LocalDate day = parseDay(matcher.group(1));
						if (day != null && (firstDay == null || !day.isBefore(firstDay))) {
							rolled.add(new Rolled(path, day, Long.parseLong(matcher.group(2))));
						}
					}
				}
			}
		}
		rolled.sort(Comparator.comparing(Rolled::day).thenComparingLong(Rolled::index).reversed());
		List<Path> files = new ArrayList<>();
		if (Files.isRegularFile(activeFile)) {
			files.add(activeFile);
		}
		rolled.forEach((file) -> files.add(file.path()));
		return files;
	}

	private static @Nullable LocalDate parseDay(String text) {
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * Hands a file's lines to the collector, last line first.
	 * @return whether the collector wants lines from older files too
	 */
	private static boolean readBackwards(Path file, Collector collector) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
			long chunkStart = 0;
			int chunkLength = 0;
			long end = channel.size();
			if (end > 0 && byteAt(channel, end - 1) == '\n') {
				end--;
			}
			long position = end;
			while (end > 0) {
				// Looks for the line end before the
				// current line, loading chunks backwards.
				long newline = -1;
				while (position > 0) {
					long at = position - 1;
					if (at < chunkStart || at >= chunkStart + chunkLength) {
						chunkStart = Math.max(0, at + 1 - CHUNK);
						chunkLength = (int) (at + 1 - chunkStart);
						chunk.clear().limit(chunkLength);
						readFully(channel, chunk, chunkStart);
					}
					position = at;
					if (chunk.get((int) (at - chunkStart)) == '\n') {
						newline = at;
						break;
					}
				}
				long start = newline + 1;
				int length = (int) Math.min(end - start, MAX_LINE_BYTES);
				// Most lines lie in the chunk just scanned;
				// only those across chunks are read again.
				String line = (start >= chunkStart && start + length <= chunkStart + chunkLength)
						? decode(chunk.array(), (int) (start - chunkStart), length) : line(channel, start, length);
				if (!collector.offer(line)) {
					return false;
				}
				if (newline < 0) {
					break;
				}
				end = newline;
			}
			return true;
		}
	}

	private static byte byteAt(FileChannel channel, long position) throws IOException {
		ByteBuffer one = ByteBuffer.allocate(1);
		readFully(channel, one, position);
		return one.get(0);
	}

	private static String line(FileChannel channel, long start, int length) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate(length);
		readFully(channel, bytes, start);
		return decode(bytes.array(), 0, length);
	}

	private static String decode(byte[] bytes, int offset, int length) {
		int end = offset + length;
		if (length > 0 && bytes[end - 1] == '\r') {
			end--;
		}
		// A cut may split a multi-byte character; the decoder replaces the fragment.
		return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
	}

	private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		long at = position;
		while (buffer.hasRemaining()) {
			int read = channel.read(buffer, at);
			if (read < 0) {
				// The file shrank under us (rolled meanwhile): the rest reads as blank.
				break;
			}
			at += read;
		}
	}

	/**
	 * The time an entry's first line starts with, or {@code null} for a continuation
	 * line.
	 */
	static @Nullable Instant entryTime(String line, ZoneId zone) {
		if (line.length() < 19 || !Character.isDigit(line.charAt(0)) || line.charAt(4) != '-'
				|| line.charAt(7) != '-') {
			return null;
		}
		// "2026-12-05T07:12:38.123Z" (the brain's and the tentacle's pattern) or
		// "2026-12-05 07:12:38,123" (logback's default, in the writer's zone).
		int end = line.indexOf(' ', (line.charAt(10) == ' ') ? 11 : 10);
		String text = ((end < 0) ? line : line.substring(0, end)).replace(' ', 'T').replace(',', '.');
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(text).atZone(zone).toInstant();
			}
			catch (DateTimeParseException notLocal) {
				return null;
			}
		}
	}

	/**
	 * Lines read from a log, oldest first.
	 *
	 * @param lines the lines, without line ends
	 * @param truncated whether older lines that were asked for were left out because of
	 * the byte limit
	 */
	public record Lines(List<String> lines, boolean truncated) {

		public Lines {
			lines = List.copyOf(lines);
		}

	}

	/**
	 * Takes lines newest first, keeps them within the limits and the day limit, and holds
	 * continuation lines until the entry they belong to shows its time.
	 */
	private static final class Collector {

		private final int maxLines;

		private final long maxBytes;

		private final @Nullable Instant cutoff;

		private final ZoneId zone;

		private final Deque<String> kept = new ArrayDeque<>();

		/** Continuation lines, newest first, whose entry time is not known yet. */
		private final List<String> pending = new ArrayList<>();

		private long bytes;

		private boolean truncated;

		private boolean done;

		Collector(int maxLines, long maxBytes, @Nullable Instant cutoff, ZoneId zone) {
			this.maxLines = maxLines;
			this.maxBytes = maxBytes;
			this.cutoff = cutoff;
			this.zone = zone;
		}

		boolean wantsMore() {
			return !this.done;
		}

		/**
		 * @return whether more (older) lines are wanted
		 */
		boolean offer(String line) {
			if (this.cutoff == null) {
				keep(line);
				return !this.done;
			}
			Instant time = entryTime(line, this.zone);
			if (time == null) {
				// Only as many as could be kept: an endless
				// stack trace must not fill memory.
				if (this.pending.size() < this.maxLines - this.kept.size()) {
					this.pending.add(line);
				}
				return true;
			}
			if (time.isBefore(this.cutoff)) {
				this.pending.clear();
				this.done = true;
				return false;
			}
			for (String continuation : this.pending) {
				keep(continuation);
			}
			this.pending.clear();
			keep(line);
			return !this.done;
		}

		private void keep(String line) {
			if (this.done) {
				return;
			}
			long size = line.getBytes(StandardCharsets.UTF_8).length + 1L;
			if (this.bytes + size > this.maxBytes) {
				this.truncated = true;
				this.done = true;
				return;
			}
			this.kept.addFirst(line);
			this.bytes += size;
			if (this.kept.size() == this.maxLines) {
				this.done = true;
			}
		}

		Lines finish() {
			// Lines above the first entry of the oldest file read: their time is unknown,
			// but their file is within the limit.
			for (String continuation : this.pending) {
				keep(continuation);
			}
			this.pending.clear();
			return new Lines(new ArrayList<>(this.kept), this.truncated);
		}

	}

}
