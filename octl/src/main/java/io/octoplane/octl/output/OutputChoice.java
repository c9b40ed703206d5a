package io.octoplane.octl.output;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code -o/--output} asked for: a format and, for {@code jsonpath=TEMPLATE}, the
 * parsed template.
 *
 * @param format the format
 * @param template the template of {@link OutputFormat#JSONPATH}, else {@code null}
 */
public record OutputChoice(OutputFormat format, @Nullable JsonPathTemplate template) {

	private static final String JSONPATH = "jsonpath=";

	public OutputChoice {
		Objects.requireNonNull(format, "format must not be null");
		if ((format == OutputFormat.JSONPATH) != (template != null)) {
			throw new IllegalArgumentException("a template goes with the jsonpath format, and only with it");
		}
	}

	/**
	 * A choice without a template.
	 * @param format any format but {@link OutputFormat#JSONPATH}
	 * @return the choice
	 */
	public static OutputChoice of(OutputFormat format) {
		return new OutputChoice(format, null);
	}

	/**
	 * Reads an {@code -o} value: a format name in any case, or {@code jsonpath=TEMPLATE}.
	 * @param value the value as typed
	 * @return the choice
	 * @throws IllegalArgumentException if it is no format or a bad template
	 */
	public static OutputChoice parse(String value) {
		String typed = value.strip();
		if (typed.regionMatches(true, 0, JSONPATH, 0, JSONPATH.length())) {
			return new OutputChoice(OutputFormat.JSONPATH, JsonPathTemplate.parse(typed.substring(JSONPATH.length())));
		}
		return Arrays.stream(OutputFormat.values())
			.filter((format) -> format != OutputFormat.JSONPATH)
			.filter((format) -> format.label().equals(typed.toLowerCase(Locale.ROOT)))
			.findFirst()
			.map(OutputChoice::of)
			.orElseThrow(() -> new IllegalArgumentException(
					"'" + value + "' is not an output format; use json, yaml, table, wide, name or jsonpath=TEMPLATE"));
	}

	/** The choice as {@code -o} takes it: {@code table}, {@code jsonpath={.id}}. */
	@Override
	public String toString() {
		return (this.template != null) ? JSONPATH + this.template : this.format.label();
	}

	/** Parses {@code -o} values; a bad one is a usage error (exit status 2). */
	public static final class Converter implements ITypeConverter<OutputChoice> {

		@Override
		public OutputChoice convert(String value) {
			try {
				return parse(value);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

}
