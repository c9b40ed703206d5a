package io.octoplane.octl.output;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.Function;

import io.octoplane.client.OctoplaneJson;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Prints one answer to standard output in the chosen {@link OutputFormat}. JSON and YAML
 * use the wire member names, so {@code octl} output and the REST API read the same.
 */
public final class Printer {

	private final OutputChoice choice;

	private final PrintWriter out;

	/**
	 * Creates a printer.
	 * @param format the output format, not {@link OutputFormat#JSONPATH}
	 * @param out standard output
	 */
	public Printer(OutputFormat format, PrintWriter out) {
		this(OutputChoice.of(format), out);
	}

	/**
	 * Creates a printer.
	 * @param choice the output format and its template
	 * @param out standard output
	 */
	public Printer(OutputChoice choice, PrintWriter out) {
		this.choice = Objects.requireNonNull(choice, "choice must not be null");
		this.out = Objects.requireNonNull(out, "out must not be null");
	}

	/**
	 * Prints a value.
	 * @param <T> the value's type
	 * @param value the answer to print
	 * @param table renders the value for {@link OutputFormat#TABLE}
	 */
	public <T> void print(T value, Function<T, String> table) {
		print(value, table, table);
	}

	/**
	 * Prints a value that has more columns to show with {@code -o wide}.
	 * @param <T> the value's type
	 * @param value the answer to print
	 * @param table renders the value for {@link OutputFormat#TABLE}
	 * @param wide renders the value for {@link OutputFormat#WIDE}
	 */
	public <T> void print(T value, Function<T, String> table, Function<T, String> wide) {
		String text = switch (this.choice.format()) {
			case JSON -> json().writeValueAsString(value) + "\n";
			case YAML -> yaml().writeValueAsString(value);
			case TABLE -> table.apply(value);
			case WIDE -> wide.apply(value);
			case NAME -> NameList.of(OctoplaneJson.mapper().valueToTree(value));
			case JSONPATH ->
				Objects.requireNonNull(this.choice.template()).render(OctoplaneJson.mapper().valueToTree(value));
		};
		this.out.print(text);
		this.out.flush();
	}

	private static ObjectWriter json() {
		return Writers.JSON;
	}

	private static ObjectWriter yaml() {
		return Writers.YAML;
	}

	// Writers are immutable and shared; each is built on first use only, so a table
	// printed by a short-lived octl never pays for them.
	private static final class Writers {

		// Octopoda printed "name": value; Jackson's
		// default puts a space before the colon.
		static final ObjectWriter JSON = OctoplaneJson.mapper()
			.writer()
			.with(new DefaultPrettyPrinter(
					Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER))
				.withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

		static final ObjectWriter YAML = YAMLMapper.builder()
			.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
			.enable(YAMLWriteFeature.MINIMIZE_QUOTES)
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.build()
			.writer();

	}

}
