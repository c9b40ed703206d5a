package io.octoplane.octl.config;

import java.time.Duration;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses duration options such as {@code --timeout 5m} with the same rules as the config
 * file's {@code timeout} ({@link DurationText}), so the two never read differently.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

	@Override
	public Duration convert(String value) {
		try {
			return DurationText.parse(value);
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
			if (value.strip().matches("0+(ms|s|m|h)?")) {
				return Duration.ZERO;
			}
			return new DurationConverter().convert(value);
		}

	}

}
