package io.octoplane.protocol.log;

/**
 * Which log lines to read: the JSON text of a {@code log-read} command, and the query of
 * the REST log endpoints.
 *
 * @param lines how many of the newest lines, between 1 and {@value #MAX_LINES}
 * @param days only lines written in the last {@code days} × 24 hours, between 1 and
 * {@value #MAX_DAYS}; 0 for every line the retained files hold
 */
public record LogQuery(int lines, int days) {

	/** Lines returned when a request names no count. */
	public static final int DEFAULT_LINES = 100;

	/** The most lines one request may ask for. */
	public static final int MAX_LINES = 10_000;

	/** The longest look-back one request may ask for, in days. */
	public static final int MAX_DAYS = 366;

	public LogQuery {
		if (lines < 1 || lines > MAX_LINES) {
			throw new IllegalArgumentException("lines must be between 1 and " + MAX_LINES + ", got " + lines);
		}
		if (days < 0 || days > MAX_DAYS) {
			throw new IllegalArgumentException("days must be between 0 (no limit) and " + MAX_DAYS + ", got " + days);
		}
	}

}
