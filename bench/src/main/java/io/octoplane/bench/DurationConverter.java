package io.octoplane.bench;

import java.time.Duration;
import java.util.Locale;

import picocli.CommandLine;

/**
 * Reads durations as people write them on a command line: {@code 500ms}, {@code 30s},
 * {@code 2m}, or ISO-8601 ({@code PT30S}).
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

	@Override
	public Duration convert(String value) {
		String text = value.trim().toLowerCase(Locale.ROOT);
		if (text.startsWith("pt")) {
			return Duration.parse(text);
		}
		if (text.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
		}
		long amount = Long.parseLong(text.substring(0, text.length() - 1));
		return switch (text.charAt(text.length() - 1)) {
			case 's' -> Duration.ofSeconds(amount);
			case 'm' -> Duration.ofMinutes(amount);
			case 'h' -> Duration.ofHours(amount);
			default -> throw new CommandLine.TypeConversionException(
					"'" + value + "' is not a duration; write 500ms, 30s, 2m or 1h");
		};
	}

}
