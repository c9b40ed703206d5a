package io.octoplane.protocol.duration;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar for durations typed by people: a whole number and a unit
 * ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 7d}), ISO-8601
 * ({@code PT10S}, {@code P7D}), or a bare number, which means seconds. Case and
 * surrounding blanks do not matter; negative durations are refused.
 *
 * <p>
 * A bare number means seconds because that is what operators expect of a timeout or a
 * TTL. Spring documents a bare number as milliseconds, so where Spring binds a setting
 * (the brain's and nameserver's own configuration) {@link #parseWithUnit(String)} refuses
 * bare numbers instead, and neither reading can slip through unnoticed.
 */
public final class DurationText {

	/** The accepted forms, for error messages. */
	public static final String FORMS = "500ms, 10s, 2m, 1h, 7d or ISO-8601 like PT10S";

	private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

	private static final Pattern BARE = Pattern.compile("\\d+");

	private DurationText() {
	}

	/**
	 * Parses a duration that may be zero.
	 * @param text the duration as typed; a bare number is seconds
	 * @return the duration, never negative
	 * @throws IllegalArgumentException if the text is not a duration, is negative or is
	 * too large
	 */
	public static Duration parse(String text) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		Duration duration;
		if (value.startsWith("p") || value.startsWith("-p") || value.startsWith("+p")) {
			duration = iso(text, value);
		}
		else {
			duration = simple(text, value);
		}
		if (duration.isNegative()) {
			throw new IllegalArgumentException("duration '" + text.strip() + "' must not be negative");
		}
		return duration;
	}

	/**
	 * Parses a duration that must be longer than zero.
	 * @param text the duration as typed; a bare number is seconds
	 * @return the duration, positive
	 * @throws IllegalArgumentException if the text is not a duration or is not positive
	 */
	public static Duration parsePositive(String text) {
		Duration duration = parse(text);
		if (duration.isZero()) {
			throw new IllegalArgumentException("duration '" + text.strip() + "' must be longer than zero");
		}
		return duration;
	}

	/**
	 * Parses a duration that must name its unit: a bare number is refused, for settings
	 * whose readers have long taken bare numbers as milliseconds.
	 * @param text the duration as typed
	 * @return the duration, never negative
	 * @throws IllegalArgumentException if the text is a bare number or no duration
	 */
	public static Duration parseWithUnit(String text) {
		String value = text.strip();
		if (BARE.matcher(value).matches()) {
			throw new IllegalArgumentException("duration '" + value + "' has no unit: write " + value
					+ "s for seconds or " + value + "ms for milliseconds (" + FORMS + ")");
		}
		return parse(text);
	}

	private static Duration simple(String text, String value) {
		Matcher matcher = SIMPLE.matcher(value);
		if (!matcher.matches()) {
			throw invalid(text);
		}
		try {
			long amount = Long.parseLong(matcher.group(1));
			String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
			return switch (unit) {
				case "ms" -> Duration.ofMillis(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				case "d" -> Duration.ofDays(amount);
				default -> Duration.ofSeconds(amount);
			};
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw new IllegalArgumentException("duration '" + text.strip() + "' is too large", ex);
		}
	}

	private static Duration iso(String text, String value) {
		try {
			return Duration.parse(value.toUpperCase(Locale.ROOT));
		}
		catch (DateTimeParseException ex) {
			throw invalid(text);
		}
	}

	private static IllegalArgumentException invalid(String text) {
		return new IllegalArgumentException(
				"'" + text.strip() + "' is not a duration: write " + FORMS + " (a bare number is seconds)");
	}

}
