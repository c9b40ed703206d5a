package io.octoplane.tentacle.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A flow collection ({@code {a: b}}, {@code [a, b]}) or a quoted scalar of
 * {@link YamlSubset}, which must close on the line it starts on.
 */
final class YamlFlow {

	private final String text;

	private final int line;

	private int at;

	YamlFlow(String text, int line) {
		this.text = text;
		this.line = line;
	}

	@Nullable Object value() {
		skipSpaces();
		if (this.at >= this.text.length()) {
			throw error("a value is missing");
		}
		char c = this.text.charAt(this.at);
		if (c == '{') {
			return map();
		}
		if (c == '[') {
			return list();
		}
		if (c == '"' || c == '\'') {
			return quoted();
		}
		int start = this.at;
		while (this.at < this.text.length() && ",]}".indexOf(this.text.charAt(this.at)) < 0
				&& !(this.text.charAt(this.at) == ':' && nextIsSpace())) {
			this.at++;
		}
		String plain = this.text.substring(start, this.at).strip();
		return (plain.isEmpty() || YamlSubset.isNull(plain)) ? null : YamlSubset.scalarText(plain, this.line);
	}

	private Map<String, @Nullable Object> map() {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		this.at++;
		skipSpaces();
		if (peek() == '}') {
			this.at++;
			return map;
		}
		while (true) {
			Object key = value();
			skipSpaces();
			if (peek() != ':') {
				throw error("expected ':' after a key in '{...}'");
			}
			this.at++;
			map.put(String.valueOf(key), value());
			skipSpaces();
			char c = peek();
			this.at++;
			if (c == '}') {
				return map;
			}
			if (c != ',') {
				throw error("'{' is not closed on its line");
			}
		}
	}

	private List<@Nullable Object> list() {
		List<@Nullable Object> list = new ArrayList<>();
		this.at++;
		skipSpaces();
		if (peek() == ']') {
			this.at++;
			return list;
		}
		while (true) {
			list.add(value());
			skipSpaces();
			char c = peek();
			this.at++;
			if (c == ']') {
				return list;
			}
			if (c != ',') {
				throw error("'[' is not closed on its line");
			}
		}
	}

	String quoted() {
		char quote = this.text.charAt(this.at++);
		StringBuilder value = new StringBuilder();
		while (this.at < this.text.length()) {
			char c = this.text.charAt(this.at++);
			if (c == quote) {
				if (quote == '\'' && peek() == '\'') {
					value.append('\'');
					this.at++;
					continue;
				}
				return value.toString();
			}
			if (c == '\\' && quote == '"') {
				value.append(escape());
			}
			else {
				value.append(c);
			}
		}
		throw error("a quoted value is not closed on its line");
	}

	private char escape() {
		if (this.at >= this.text.length()) {
			throw error("a quoted value is not closed on its line");
		}
		char c = this.text.charAt(this.at++);
		return switch (c) {
			case 'n' -> '\n';
			case 't' -> '\t';
			case 'r' -> '\r';
			case '0' -> '\0';
			case '"', '\\', '/', ' ' -> c;
			case 'u' -> {
				if (this.at + 4 > this.text.length()) {
					throw error("\\u needs four hex digits");
				}
				try {
					char unicode = (char) Integer.parseInt(this.text.substring(this.at, this.at + 4), 16);
					this.at += 4;
					yield unicode;
				}
				catch (NumberFormatException ex) {
					throw error("\\u needs four hex digits");
				}
			}
			default -> throw error("unknown escape '\\" + c + "'");
		};
	}

	void end() {
		skipSpaces();
		if (this.at < this.text.length()) {
			throw error("unexpected text after the value: '" + this.text.substring(this.at) + "'");
		}
	}

	private boolean nextIsSpace() {
		return this.at + 1 >= this.text.length() || this.text.charAt(this.at + 1) == ' ';
	}

	private char peek() {
		return (this.at < this.text.length()) ? this.text.charAt(this.at) : 0;
	}

	private void skipSpaces() {
		while (this.at < this.text.length() && this.text.charAt(this.at) == ' ') {
			this.at++;
		}
	}

	private YamlException error(String message) {
		return new YamlException(this.line, message);
	}

}
