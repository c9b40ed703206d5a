package io.octoplane.octl.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations operators type: {@code 30s}, {@code 5m}, {@code 1h},
 * {@code 500ms}, plain seconds ({@code 90}) or ISO-8601 ({@code PT1M30S}).
 */
public final class DurationText {

	private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

	private DurationText() {
	}

	/**
	 * Parses a positive duration.
	 * @param text the duration as typed
	 * @return the duration
	 * @throws IllegalArgumentException if the text is not a positive duration
	 */
	public static Duration parse(String text) {
		String trimmed = text.strip().toLowerCase(Locale.ROOT);
		Duration duration = trimmed.startsWith("p") ? iso(text) : simple(text, trimmed);
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("duration '" + text + "' must be positive");
		}
		return duration;
	}

	private static Duration simple(String text, String trimmed) {
		Matcher matcher = SHORT.matcher(trimmed);
		if (!matcher.matches()) {
			throw invalid(text);
		}
		long amount;
		try {
			amount = Long.parseLong(matcher.group(1));
		}
		catch (NumberFormatException ex) {
			throw invalid(text);
		}
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		return switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

	private static Duration iso(String text) {
		try {
			return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (DateTimeParseException ex) {
			throw invalid(text);
		}
	}

	private static IllegalArgumentException invalid(String text) {
		return new IllegalArgumentException("invalid duration '" + text
				+ "': use a number with a unit, like 30s, 5m or 1h (plain numbers are seconds)");
	}

}
