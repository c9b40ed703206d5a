package io.octoplane.tentacle.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A log file that rolls as Logback's size-and-time policy does, so that the log reader
 * ({@link io.octoplane.protocol.log.LogTail}) finds the same names: the active file
 * {@code NAME} is moved to {@code NAME.yyyy-MM-dd.i} (the day its lines were written and
 * the next index of that day, uncompressed) when the day changes or it would grow past
 * the size limit. After each roll, rolled files older than the retention are deleted,
 * then the oldest ones while all of them together exceed the total limit. Not
 * thread-safe: {@link LineLoggers} holds its lock around every call.
 */
final class RollingLogFile {

	private static final Pattern ROLLED = Pattern.compile("\\.(\\d{4}-\\d{2}-\\d{2})\\.(\\d+)");

	private final Path active;

	private final Policy policy;

	private final ZoneId zone;

	private @Nullable OutputStream out;

	private long size;

	private @Nullable LocalDate day;

	RollingLogFile(Path active, Policy policy, ZoneId zone) {
		this.active = active;
		this.policy = policy;
		this.zone = zone;
	}

	/**
	 * Appends a line, rolling first when it is due.
	 * @param line the line's bytes, with its line end
	 * @param today the day the line is written, in the writer's zone
	 * @throws IOException if the file cannot be written
	 */
	void append(byte[] line, LocalDate today) throws IOException {
		if (this.out == null) {
			open(today);
		}
		if (this.day != null && (!this.day.equals(today)
				|| (this.size > 0 && this.size + line.length > this.policy.maxFileBytes()))) {
			roll(this.day, today);
		}
		OutputStream stream = this.out;
		if (stream == null) {
			throw new IOException("log file " + this.active + " is not open");
		}
		try {
			stream.write(line);
			stream.flush();
			this.size += line.length;
		}
		catch (IOException ex) {
			close();
			throw ex;
		}
	}

	void close() {
		if (this.out != null) {
			try {
				this.out.close();
			}
			catch (IOException ex) {
				// Nothing is buffered: every line was flushed when written.
			}
			this.out = null;
		}
	}

	private void open(LocalDate today) throws IOException {
		Files.createDirectories(this.active.toAbsolutePath().getParent());
		if (Files.exists(this.active)) {
			this.size = Files.size(this.active);
			this.day = (this.size > 0)
					? LocalDate.ofInstant(Files.getLastModifiedTime(this.active).toInstant(), this.zone) : today;
		}
		else {
			this.size = 0;
			this.day = today;
		}
		this.out = Files.newOutputStream(this.active, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	private void roll(LocalDate written, LocalDate today) throws IOException {
		close();
		List<Rolled> rolled = rolled();
		int index = rolled.stream()
			.filter((file) -> file.day().equals(written))
			.mapToInt((file) -> file.index() + 1)
			.max()
			.orElse(0);
		Files.move(this.active, this.active.resolveSibling(this.active.getFileName() + "." + written + "." + index));
		this.out = Files.newOutputStream(this.active, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		this.size = 0;
		this.day = today;
		prune(today);
	}

	private void prune(LocalDate today) throws IOException {
		List<Rolled> rolled = new ArrayList<>(rolled());
		rolled.sort(Comparator.comparing(Rolled::day).thenComparingInt(Rolled::index).reversed());
		LocalDate oldestKept = today.minusDays(this.policy.retentionDays());
		long total = 0;
		for (Rolled file : rolled) {
			total += file.size();
			if (file.day().isBefore(oldestKept) || total > this.policy.totalBytes()) {
				Files.deleteIfExists(file.path());
			}
		}
	}

	private List<Rolled> rolled() throws IOException {
		String prefix = this.active.getFileName().toString();
		List<Rolled> rolled = new ArrayList<>();
		try (DirectoryStream<Path> siblings = Files.newDirectoryStream(this.active.toAbsolutePath().getParent(),
				(path) -> path.getFileName().toString().startsWith(prefix + "."))) {
			for (Path path : siblings) {
				Matcher matcher = ROLLED.matcher(path.getFileName().toString().substring(prefix.length()));
				if (matcher.matches()) {
					try {
						rolled.add(new Rolled(path, LocalDate.parse(matcher.group(1)),
								Integer.parseInt(matcher.group(2)), Files.size(path)));
					}
					catch (DateTimeParseException | NumberFormatException ex) {
						// Not one of ours: left alone.
					}
				}
			}
		}
		return rolled;
	}

	/**
	 * When the file rolls and what is kept.
	 *
	 * @param maxFileBytes the size a file rolls at; positive
	 * @param totalBytes the most bytes all rolled files may take together
	 * @param retentionDays days of rolled files kept
	 */
	record Policy(long maxFileBytes, long totalBytes, int retentionDays) {

		Policy {
			if (maxFileBytes <= 0 || totalBytes <= 0 || retentionDays <= 0) {
				throw new IllegalArgumentException("log file limits must be positive");
			}
		}

	}

	private record Rolled(Path path, LocalDate day, int index, long size) {
	}

}
