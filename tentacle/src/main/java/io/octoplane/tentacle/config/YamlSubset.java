package io.octoplane.tentacle.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads the YAML that configuration files are written in into maps, lists and strings:
 * block mappings and sequences, flow mappings and sequences on one line ({@code {site:
 * lab}}, {@code [a, b]}), plain, single- and double-quoted scalars, comments, and
 * {@code ~}/{@code null}. Block scalars ({@code |}, {@code >}), multi-line plain scalars,
 * anchors, aliases and tags are refused with the line they are on. A YAML library would
 * stay loaded, class by class, for as long as the node runs; this subset is what
 * {@code tentacle.yaml} needs.
 *
 * <p>
 * Scalars stay text (a {@code 1048576} is the string {@code "1048576"}); the reader of
 * the tree converts them. Every value's line is kept for error messages.
 */
final class YamlSubset {

	private final List<Line> lines = new ArrayList<>();

	private final Map<String, Integer> lineOfPath = new LinkedHashMap<>();

	private int next;

	private YamlSubset(String text) {
		String[] raw = text.split("\r?\n", -1);
		for (int i = 0; i < raw.length; i++) {
			String content = stripComment(raw[i], i + 1).stripTrailing();
			if (content.isBlank() || (i == 0 && content.equals("---"))) {
				continue;
			}
			int indent = 0;
			while (indent < content.length() && content.charAt(indent) == ' ') {
				indent++;
			}
			if (content.charAt(indent) == '\t') {
				throw new YamlException(i + 1, "tabs cannot indent YAML");
			}
			this.lines.add(new Line(i + 1, indent, content.substring(indent)));
		}
	}

	/**
	 * Reads a document whose top level is a mapping.
	 * @param text the document
	 * @return the tree, with its lines
	 * @throws YamlException if the text is not in the subset
	 */
	static Tree read(String text) {
		YamlSubset reader = new YamlSubset(text);
		if (reader.lines.isEmpty()) {
			return new Tree(Map.of(), Map.of());
		}
		Line first = reader.lines.get(0);
		if (first.indent() != 0 || isItem(first.text())) {
			throw new YamlException(first.number(), "the top level must be a mapping of settings");
		}
		Map<String, @Nullable Object> root = reader.mapping(0, "");
		if (reader.next < reader.lines.size()) {
			throw new YamlException(reader.lines.get(reader.next).number(), "unexpected indentation");
		}
		return new Tree(root, reader.lineOfPath);
	}

	private @Nullable Object block(int indent, String path) {
		Line line = this.lines.get(this.next);
		return isItem(line.text()) ? sequence(indent, path) : mapping(indent, path);
	}

	private Map<String, @Nullable Object> mapping(int indent, String path) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		while (this.next < this.lines.size()) {
			Line line = this.lines.get(this.next);
			if (line.indent() < indent || (line.indent() == indent && isItem(line.text()))) {
				break;
			}
			if (line.indent() > indent) {
				throw new YamlException(line.number(), "unexpected indentation");
			}
			int colon = keyEnd(line.text(), line.number());
			String key = scalarText(line.text().substring(0, colon).strip(), line.number());
			String rest = line.text().substring(colon + 1).strip();
			String keyPath = path.isEmpty() ? key : path + "." + key;
			if (map.containsKey(key)) {
				throw new YamlException(line.number(), "'" + key + "' is set twice");
			}
			this.lineOfPath.put(keyPath, line.number());
			this.next++;
			map.put(key, rest.isEmpty() ? nested(indent, keyPath) : inline(rest, line.number(), indent));
		}
		return map;
	}

	// The value below a key with nothing after its colon: a deeper block, a sequence at
	// the key's own indentation, or null.
	private @Nullable Object nested(int indent, String path) {
		if (this.next >= this.lines.size()) {
			return null;
		}
		Line line = this.lines.get(this.next);
		if (line.indent() > indent) {
			return block(line.indent(), path);
		}
		if (line.indent() == indent && isItem(line.text())) {
			return sequence(indent, path);
		}
		return null;
	}

	private List<@Nullable Object> sequence(int indent, String path) {
		List<@Nullable Object> list = new ArrayList<>();
		while (this.next < this.lines.size()) {
			Line line = this.lines.get(this.next);
			if (line.indent() != indent || !isItem(line.text())) {
				if (line.indent() > indent) {
					throw new YamlException(line.number(), "unexpected indentation");
				}
				break;
			}
			String itemPath = path + "[" + list.size() + "]";
			this.lineOfPath.put(itemPath, line.number());
			String rest = line.text().substring(1).strip();
			if (rest.isEmpty()) {
				this.next++;
				list.add(nested(indent, itemPath));
			}
			else if (isMappingEntry(rest)) {
				// "- key: value": a mapping whose first entry sits on the item's line.
				int column = indent + line.text().indexOf(rest, 1);
				this.lines.set(this.next, new Line(line.number(), column, rest));
				list.add(mapping(column, itemPath));
			}
			else {
				this.next++;
				list.add(inline(rest, line.number(), indent));
			}
		}
		return list;
	}

	private @Nullable Object inline(String text, int line, int indent) {
		char first = text.charAt(0);
		if (first == '{' || first == '[') {
			YamlFlow flow = new YamlFlow(text, line);
			Object value = flow.value();
			flow.end();
			return value;
		}
		if (first == '|' || first == '>') {
			throw new YamlException(line, "block scalars (| and >) are not supported; quote the text on one line");
		}
		if (this.next < this.lines.size() && this.lines.get(this.next).indent() > indent) {
			throw new YamlException(this.lines.get(this.next).number(),
					"a value continued on the next line is not supported; quote it on one line");
		}
		String value = scalarText(text, line);
		return isNull(text) ? null : value;
	}

	private static boolean isItem(String text) {
		return text.equals("-") || text.startsWith("- ");
	}

	private static boolean isMappingEntry(String text) {
		char first = text.charAt(0);
		return first != '{' && first != '[' && keyEndOrMinus(text) > 0;
	}

	private static int keyEnd(String text, int line) {
		int colon = keyEndOrMinus(text);
		if (colon <= 0) {
			throw new YamlException(line, "expected 'key: value'");
		}
		return colon;
	}

	// The colon that ends a key: followed by a space or the end, outside quotes.
	private static int keyEndOrMinus(String text) {
		char quote = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
			}
			else if ((c == '"' || c == '\'') && i == 0) {
				quote = c;
			}
			else if (c == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
				return i;
			}
		}
		return -1;
	}

	static boolean isNull(String text) {
		return text.equals("~") || text.equals("null") || text.equals("Null") || text.equals("NULL");
	}

	static String scalarText(String text, int line) {
		if (text.isEmpty()) {
			return text;
		}
		char first = text.charAt(0);
		if (first == '"' || first == '\'') {
			YamlFlow flow = new YamlFlow(text, line);
			String value = flow.quoted();
			flow.end();
			return value;
		}
		if (first == '&' || first == '*' || first == '!') {
			throw new YamlException(line, "anchors, aliases and tags are not supported");
		}
		if (first == '|' || first == '>' || first == '@' || first == '`' || first == '%') {
			throw new YamlException(line, "'" + first + "' cannot start a plain value; quote it");
		}
		return text;
	}

	private static String stripComment(String raw, int line) {
		char quote = 0;
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (quote != 0) {
				if (c == '\\' && quote == '"') {
					i++;
				}
				else if (c == quote) {
					quote = 0;
				}
			}
			else if ((c == '"' || c == '\'') && (i == 0 || " :[{,-".indexOf(raw.charAt(i - 1)) >= 0)) {
				quote = c;
			}
			else if (c == '#' && (i == 0 || raw.charAt(i - 1) == ' ' || raw.charAt(i - 1) == '\t')) {
				return raw.substring(0, i);
			}
		}
		return raw;
	}

	/**
	 * A document read: its top-level mapping and the line of every key and item, by path
	 * ({@code facts.timeout}, {@code env[0].key}).
	 *
	 * @param root the top-level mapping
	 * @param lines lines by path
	 */
	record Tree(Map<String, @Nullable Object> root, Map<String, Integer> lines) {

		/**
		 * The line of a path, or of the nearest path above it that has one.
		 * @param path a path as Jackson reports it, such as {@code env[0].key}
		 * @return the line, or 0 when unknown
		 */
		int lineOf(String path) {
			String current = path;
			while (!current.isEmpty()) {
				Integer line = this.lines.get(current);
				if (line != null) {
					return line;
				}
				int cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
				current = (cut > 0) ? current.substring(0, cut) : "";
			}
			return 0;
		}

	}

	private record Line(int number, int indent, String text) {
	}

}
