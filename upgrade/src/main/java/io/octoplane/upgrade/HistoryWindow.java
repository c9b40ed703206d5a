package io.octoplane.upgrade;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Part of an upgrade history, as Octopoda's pakma shows it: from a time on, or the latest
 * lines. Lines begin with the instant they were written.
 *
 * @param since the earliest time to show, or {@code null} for the latest lines
 * @param limit the most lines to show, positive, or {@code null} for all
 */
public record HistoryWindow(@Nullable Instant since, @Nullable Integer limit) {

	/** The whole history. */
	public static final HistoryWindow ALL = new HistoryWindow(null, null);

	public HistoryWindow {
		if (limit != null && limit <= 0) {
			throw new IllegalArgumentException("limit must be positive");
		}
	}

	/**
	 * The lines in this window.
	 * @param lines the history, oldest first
	 * @return from {@code since} on, the first {@code limit} lines; without
	 * {@code since}, the last {@code limit} lines
	 */
	public List<String> select(List<String> lines) {
		int max = (this.limit != null) ? this.limit : Integer.MAX_VALUE;
		if (this.since == null) {
			return List.copyOf(lines.subList(Math.max(0, lines.size() - max), lines.size()));
		}
		return lines.stream().filter((line) -> notBefore(line, this.since)).limit(max).toList();
	}

	private static boolean notBefore(String line, Instant since) {
		int space = line.indexOf(' ');
		try {
			return !Instant.parse((space < 0) ? line : line.substring(0, space)).isBefore(since);
		}
		catch (DateTimeParseException ex) {
			// Not a line this module wrote: it has no time to compare.
			return false;
		}
	}

}
