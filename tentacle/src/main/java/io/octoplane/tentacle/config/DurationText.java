package io.octoplane.tentacle.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations the way operators write them in YAML and flags ({@code 500ms},
 * {@code 10s}, {@code 2m}, {@code 1h}, {@code 7d}), and ISO-8601 ({@code PT10S}) for
 * those who prefer it.
 */
public final class DurationText {

	private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

	private DurationText() {
	}

	public static Duration parse(String setting, String text) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		Matcher matcher = SIMPLE.matcher(value);
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		try {
			return Duration.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new TentacleConfigException(
					setting + " '" + text + "' is not a duration (write e.g. 500ms, 10s, 2m, 1h or 7d)");
		}
	}

}
