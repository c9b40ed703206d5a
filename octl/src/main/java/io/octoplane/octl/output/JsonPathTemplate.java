package io.octoplane.octl.output;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The small part of kubectl's JSONPath templates that {@code -o jsonpath=...} reads. Text
 * outside braces is printed as it is; inside braces:
 * <ul>
 * <li>{@code {.field.sub}}: a member, {@code {.}} the whole answer;</li>
 * <li>{@code {.list[*].field}}: every element, {@code {.list[0]}} one (negative counts
 * from the end);</li>
 * <li>{@code {range .list[*]}...{end}}: the text between, once per element, whose members
 * the paths inside then name;</li>
 * <li>{@code {"\n"}}: a quoted string, with {@code \n}, {@code \t}, {@code \"} and
 * {@code \\}.</li>
 * </ul>
 * Several values of one expression are separated by a space; strings print bare, objects
 * and lists as compact JSON; a missing member prints nothing. A template without braces
 * is read as one expression ({@code .nodes[*].name}). Filters, slices, recursive descent
 * and functions are not supported and are refused when parsed.
 */
public final class JsonPathTemplate {

	/** One line for help texts. */
	public static final String SUMMARY = "{.field}, {.list[*].field}, {.list[0].field}, "
			+ "{range .list[*]}{.field}{\"\\n\"}{end}";

	private final String text;

	private final List<Part> parts;

	private JsonPathTemplate(String text, List<Part> parts) {
		this.text = text;
		this.parts = parts;
	}

	/**
	 * Parses a template.
	 * @param template the template as typed after {@code jsonpath=}
	 * @return the template
	 * @throws IllegalArgumentException if it is empty, unbalanced or uses what the subset
	 * does not support; the message says where
	 */
	public static JsonPathTemplate parse(String template) {
		String text = unquote(template.strip());
		if (text.isEmpty()) {
			throw new IllegalArgumentException("empty jsonpath template; expected for example {.nodes[*].name}");
		}
		if (text.indexOf('{') < 0) {
			text = "{" + text + "}";
		}
		Parser parser = new Parser(text);
		List<Part> parts = parser.parts(false);
		return new JsonPathTemplate(text, parts);
	}

	/**
	 * Renders the template over an answer.
	 * @param root the answer as a JSON tree
	 * @return the text
	 */
	public String render(JsonNode root) {
		StringBuilder out = new StringBuilder();
		render(this.parts, root, out);
		return out.toString();
	}

	@Override
	public String toString() {
		return this.text;
	}

	private static void render(List<Part> parts, JsonNode current, StringBuilder out) {
		for (Part part : parts) {
			switch (part) {
				case Literal literal -> out.append(literal.text());
				case Path path -> {
					List<String> values = path.select(current).stream().map(JsonPathTemplate::text).toList();
					out.append(String.join(" ", values));
				}
				case Range range -> {
					for (JsonNode element : range.over().select(current)) {
						render(range.body(), element, out);
					}
				}
			}
		}
	}

	private static String text(JsonNode value) {
		if (value.isString()) {
			return value.asString();
		}
		if (value.isNull()) {
			return "";
		}
		return value.toString();
	}

	private static String unquote(String text) {
		// Shells usually strip them; a template quoted twice still reads.
		if (text.length() >= 2 && (text.charAt(0) == '\'' || text.charAt(0) == '"')
				&& text.charAt(text.length() - 1) == text.charAt(0)) {
			return text.substring(1, text.length() - 1);
		}
		return text;
	}

	private sealed interface Part permits Literal, Path, Range {

	}

	private record Literal(String text) implements Part {

	}

	private record Range(Path over, List<Part> body) implements Part {

	}

	/**
	 * A path: its steps, each a member name, an index, or {@code *} for every element.
	 */
	private record Path(List<Step> steps) implements Part {

		List<JsonNode> select(JsonNode root) {
			List<JsonNode> current = List.of(root);
			for (Step step : this.steps) {
				List<JsonNode> next = new ArrayList<>();
				for (JsonNode node : current) {
					step.apply(node, next);
				}
				current = next;
			}
			return current;
		}

	}

	private record Step(@Nullable String member, int index, boolean every) {

		void apply(JsonNode node, List<JsonNode> into) {
			if (this.member != null) {
				JsonNode value = node.isObject() ? node.get(this.member) : null;
				if (value != null && !value.isMissingNode()) {
					into.add(value);
				}
			}
			else if (this.every) {
				if (node.isArray() || node.isObject()) {
					node.forEach(into::add);
				}
			}
			else if (node.isArray()) {
				int at = (this.index < 0) ? node.size() + this.index : this.index;
				if (at >= 0 && at < node.size()) {
					into.add(node.get(at));
				}
			}
		}

	}

	/** Reads a template left to right; every error names the column. */
	private static final class Parser {

		private final String text;

		private int at;

		Parser(String text) {
			this.text = text;
		}

		List<Part> parts(boolean inRange) {
			List<Part> parts = new ArrayList<>();
			StringBuilder literal = new StringBuilder();
			while (this.at < this.text.length()) {
				char c = this.text.charAt(this.at);
				if (c == '}') {
					throw error("'}' without '{'");
				}
				if (c != '{') {
					literal.append(c);
					this.at++;
					continue;
				}
				if (!literal.isEmpty()) {
					parts.add(new Literal(literal.toString()));
					literal.setLength(0);
				}
				int open = this.at;
				int close = closing(open);
				String inside = this.text.substring(open + 1, close).strip();
				this.at = close + 1;
				if (inside.equals("end")) {
					if (!inRange) {
						throw error(open, "{end} without {range ...}");
					}
					return parts;
				}
				if (inside.startsWith("range ") || inside.equals("range")) {
					Path over = path(inside.substring(5).strip(), open);
					parts.add(new Range(over, parts(true)));
				}
				else if (inside.startsWith("\"") || inside.startsWith("'")) {
					parts.add(new Literal(string(inside, open)));
				}
				else {
					parts.add(path(inside, open));
				}
			}
			if (!literal.isEmpty()) {
				parts.add(new Literal(literal.toString()));
			}
			if (inRange) {
				throw error("{range ...} without {end}");
			}
			return parts;
		}

		private int closing(int open) {
			boolean quoted = false;
			char quote = 0;
			for (int i = open + 1; i < this.text.length(); i++) {
				char c = this.text.charAt(i);
				if (quoted) {
					if (c == '\\') {
						i++;
					}
					else if (c == quote) {
						quoted = false;
					}
				}
				else if (c == '"' || c == '\'') {
					quoted = true;
					quote = c;
				}
				else if (c == '{') {
					throw error(i, "'{' inside an expression");
				}
				else if (c == '}') {
					return i;
				}
			}
			throw error(open, "'{' without '}'");
		}

		private Path path(String expression, int column) {
			String rest = expression;
			if (rest.startsWith("$") || rest.startsWith("@")) {
				rest = rest.substring(1);
			}
			if (rest.isEmpty() && expression.isEmpty()) {
				throw error(column, "empty expression {}");
			}
			List<Step> steps = new ArrayList<>();
			int i = 0;
			while (i < rest.length()) {
				char c = rest.charAt(i);
				if (c == '.') {
					if (i + 1 < rest.length() && rest.charAt(i + 1) == '.') {
						throw error(column, "recursive descent '..' is not supported in '" + expression + "'");
					}
					int end = i + 1;
					while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
						end++;
					}
					String member = rest.substring(i + 1, end);
					if (member.equals("*")) {
						steps.add(new Step(null, 0, true));
					}
					else if (!member.isEmpty()) {
						checkMember(member, expression, column);
						steps.add(new Step(member, 0, false));
					}
					else if (end < rest.length() && rest.charAt(end) != '[') {
						throw error(column, "empty member name in '" + expression + "'");
					}
					i = end;
				}
				else if (c == '[') {
					int end = rest.indexOf(']', i);
					if (end < 0) {
						throw error(column, "'[' without ']' in '" + expression + "'");
					}
					steps.add(index(rest.substring(i + 1, end).strip(), expression, column));
					i = end + 1;
				}
				else {
					throw error(column, "expected '.member' or '[index]' at '" + rest.substring(i) + "' in '"
							+ expression + "'; supported: " + SUMMARY);
				}
			}
			return new Path(steps);
		}

		private Step index(String index, String expression, int column) {
			if (index.equals("*")) {
				return new Step(null, 0, true);
			}
			try {
				return new Step(null, Integer.parseInt(index), false);
			}
			catch (NumberFormatException ex) {
				throw error(column, "unsupported index [" + index + "] in '" + expression
						+ "'; use [*] or a number (filters and slices are not supported)");
			}
		}

		private void checkMember(String member, String expression, int column) {
			for (char c : member.toCharArray()) {
				if (!Character.isLetterOrDigit(c) && c != '_' && c != '-') {
					throw error(column,
							"unsupported character '" + c + "' in '" + expression + "'; supported: " + SUMMARY);
				}
			}
		}

		private String string(String quoted, int column) {
			char quote = quoted.charAt(0);
			if (quoted.length() < 2 || quoted.charAt(quoted.length() - 1) != quote) {
				throw error(column, "unterminated string " + quoted);
			}
			StringBuilder out = new StringBuilder();
			for (int i = 1; i < quoted.length() - 1; i++) {
				char c = quoted.charAt(i);
				if (c != '\\' || i + 1 >= quoted.length() - 1) {
					out.append(c);
					continue;
				}
				char escaped = quoted.charAt(++i);
				out.append(switch (escaped) {
					case 'n' -> '\n';
					case 't' -> '\t';
					case 'r' -> '\r';
					default -> escaped;
				});
			}
			return out.toString();
		}

		private IllegalArgumentException error(String message) {
			return error(this.at, message);
		}

		private IllegalArgumentException error(int column, String message) {
			return new IllegalArgumentException(
					"bad jsonpath template '" + this.text + "' at column " + (column + 1) + ": " + message);
		}

	}

}
