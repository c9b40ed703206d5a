package io.octoplane.octl.output;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The formats of {@code -o/--output}. */
public enum OutputFormat {

	/** Pretty-printed JSON, the machine-readable default. */
	JSON,

	/** YAML with the same member names as the JSON. */
	YAML,

	/** Aligned columns for people; not meant for parsing. */
	TABLE,

	/** The table with every column a command knows (addresses, platforms, ids). */
	WIDE;

	/** The name as typed on the command line. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Parses {@code -o} values, ignoring case.
	 */
	public static final class Converter implements ITypeConverter<OutputFormat> {

		@Override
		public OutputFormat convert(String value) {
			return Arrays.stream(values())
				.filter((format) -> format.label().equalsIgnoreCase(value.strip()))
				.findFirst()
				.orElseThrow(() -> new TypeConversionException(
						"'" + value + "' is not an output format; use json, yaml, table or wide"));
		}

	}

	/**
	 * Lists the formats for help text and shell completion.
	 */
	public static final class Candidates implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return Arrays.stream(values()).map(OutputFormat::label).iterator();
		}

	}

}
