package io.octoplane.octl.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table with left-aligned columns two spaces apart, for {@code -o table}. Cells
 * are rendered with {@link String#valueOf(Object)}; a {@code null} cell prints as
 * {@code -}.
 */
public final class Table {

	private final List<String> headers;

	private final List<List<String>> rows = new ArrayList<>();

	private Table(List<String> headers) {
		this.headers = headers;
	}

	/**
	 * Starts a table.
	 * @param headers the column headers
	 * @return an empty table
	 */
	public static Table withHeaders(String... headers) {
		return new Table(List.of(headers));
	}

	/**
	 * Adds a row.
	 * @param cells one cell per column
	 * @return this table
	 * @throws IllegalArgumentException if the cell count differs from the header count
	 */
	public Table row(Object... cells) {
		if (cells.length != this.headers.size()) {
			throw new IllegalArgumentException(
					"row has " + cells.length + " cells but the table has " + this.headers.size() + " columns");
		}
		List<String> row = new ArrayList<>(cells.length);
		for (Object cell : cells) {
			row.add((cell != null) ? String.valueOf(cell) : "-");
		}
		this.rows.add(row);
		return this;
	}

	/**
	 * Renders the header and rows, each line ending in a newline.
	 * @return the table text
	 */
	public String render() {
		int[] widths = new int[this.headers.size()];
		measure(this.headers, widths);
		this.rows.forEach((row) -> measure(row, widths));
		StringBuilder text = new StringBuilder();
		append(text, this.headers, widths);
		this.rows.forEach((row) -> append(text, row, widths));
		return text.toString();
	}

	private static void measure(List<String> cells, int[] widths) {
		for (int i = 0; i < cells.size(); i++) {
			widths[i] = Math.max(widths[i], cells.get(i).length());
		}
	}

	private static void append(StringBuilder text, List<String> cells, int[] widths) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			line.append(cells.get(i));
			if (i < cells.size() - 1) {
				line.append(" ".repeat(widths[i] - cells.get(i).length() + 2));
			}
		}
		text.append(line.toString().stripTrailing()).append('\n');
	}

}
