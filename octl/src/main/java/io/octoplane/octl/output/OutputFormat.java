package io.octoplane.octl.output;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/** The formats of {@code -o/--output}. */
public enum OutputFormat {

	/** Pretty-printed JSON, the machine-readable default. */
	JSON,

	/** YAML with the same member names as the JSON. */
	YAML,

	/** Aligned columns for people; not meant for parsing. */
	TABLE,

	/** The table with every column a command knows (addresses, platforms, ids). */
	WIDE,

	/**
	 * One name per line: each listed item's {@code name}, else its {@code id}, else its
	 * {@code path} (nodes, scenarios, jobs, tokens, workgroups).
	 */
	NAME,

	/**
	 * A kubectl-style JSONPath template over the JSON answer ({@link JsonPathTemplate}).
	 */
	JSONPATH;

	/** The name as typed on the command line. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Lists the formats for help text and shell completion.
	 */
	public static final class Candidates implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return Arrays.stream(values())
				.map((format) -> (format == JSONPATH) ? "jsonpath=" : format.label())
				.iterator();
		}

	}

}
