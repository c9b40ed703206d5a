package io.octoplane.octl.config;

import java.time.Duration;

import io.octoplane.protocol.duration.DurationText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses duration options such as {@code --timeout 5m} with {@link DurationText}, the
 * rules of the config file's {@code timeout}, tentacle.yaml and every other Octoplane
 * duration: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 7d}, ISO-8601, or
 * bare seconds.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

	@Override
	public Duration convert(String value) {
		try {
			return DurationText.parsePositive(value);
		}
		catch (IllegalArgumentException ex) {
			throw new TypeConversionException(ex.getMessage());
		}
	}

	/**
	 * Like {@link DurationConverter} but also accepts {@code 0}, for options where zero
	 * means "do not wait".
	 */
	public static final class OrZero implements ITypeConverter<Duration> {

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

}
