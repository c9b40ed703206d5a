package io.octoplane.brain.history;

import java.time.Duration;

import io.octoplane.server.web.InvalidRequestException;

/**
 * The ranges a history can be read over, each from the ring that resolves it.
 */
public enum HistoryRange {

	/** The last hour, a point a minute. */
	HOUR("1h", Duration.ofHours(1), false),

	/** The last day, a point a minute. */
	DAY("24h", Duration.ofDays(1), false),

	/** The last week, a point a quarter hour. */
	WEEK("7d", Duration.ofDays(7), true);

	private final String text;

	private final Duration span;

	private final boolean quarters;

	HistoryRange(String text, Duration span, boolean quarters) {
		this.text = text;
		this.span = span;
		this.quarters = quarters;
	}

	/**
	 * The range a query names.
	 * @param text {@code 1h}, {@code 24h} or {@code 7d}
	 * @return the range
	 * @throws InvalidRequestException for any other text
	 */
	public static HistoryRange parse(String text) {
		for (HistoryRange range : values()) {
			if (range.text.equals(text.trim())) {
				return range;
			}
		}
		throw new InvalidRequestException("range must be 1h, 24h or 7d, not " + text);
	}

	/**
	 * How the range is written in a query.
	 * @return {@code 1h}, {@code 24h} or {@code 7d}
	 */
	public String text() {
		return this.text;
	}

	Duration span() {
		return this.span;
	}

	boolean quarters() {
		return this.quarters;
	}

	long stepSeconds() {
		return this.quarters ? 900 : 60;
	}

}
