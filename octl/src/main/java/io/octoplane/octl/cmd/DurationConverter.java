package io.octoplane.octl.cmd;

import java.time.Duration;

import io.octoplane.octl.config.DurationText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code --timeout} values such as {@code 30s}, {@code 5m}, {@code 1h} or plain
 * seconds, with the same rules as the config file's {@code timeout}.
 */
final class DurationConverter implements ITypeConverter<Duration> {

	@Override
	public Duration convert(String value) {
		try {
			return DurationText.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new TypeConversionException(ex.getMessage());
		}
	}

}
