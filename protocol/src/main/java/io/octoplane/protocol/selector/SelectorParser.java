package io.octoplane.protocol.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the selector language, one character at a time, so an error can say at which
 * column it went wrong and what was expected there.
 */
final class SelectorParser {

	/** The longest selector accepted; a guard for query strings, not a real limit. */
	static final int MAX_LENGTH = 4096;

	private static final Pattern FACT_NAME = Pattern.compile("[A-Za-z0-9_][-A-Za-z0-9_.]{0,62}");

	private static final int MAX_VALUE = 253;

	private final String text;

	private int position;

	SelectorParser(String text) {
		this.text = text;
	}

	Selector parse() {
		if (this.text.isBlank()) {
			throw new InvalidSelectorException("the selector is empty");
		}
		if (this.text.length() > MAX_LENGTH) {
			throw new InvalidSelectorException("a selector has at most " + MAX_LENGTH + " characters");
		}
		List<Requirement> requirements = new ArrayList<>();
		while (true) {
			requirements.add(requirement());
			skipBlanks();
			if (atEnd()) {
				return new Selector(requirements);
			}
			expect(',', "',' or the end");
		}
	}

	private Requirement requirement() {
		skipBlanks();
		if (peek('!') && !this.text.startsWith("!=", this.position)) {
			this.position++;
			skipBlanks();
			return new Requirement(key(), Operator.NOT_EXISTS, List.of());
		}
		String key = key();
		skipBlanks();
		if (atEnd() || peek(',')) {
			return new Requirement(key, Operator.EXISTS, List.of());
		}
		for (String symbol : List.of("==", "!=", ">=", "<=", "=", ">", "<")) {
			if (this.text.startsWith(symbol, this.position)) {
				this.position += symbol.length();
				Operator operator = switch (symbol) {
					case "==", "=" -> Operator.EQUALS;
					case "!=" -> Operator.NOT_EQUALS;
					case ">=" -> Operator.GREATER_OR_EQUAL;
					case "<=" -> Operator.LESS_OR_EQUAL;
					case ">" -> Operator.GREATER;
					default -> Operator.LESS;
				};
				skipBlanks();
				return new Requirement(key, operator, List.of(value()));
			}
		}
		for (Operator operator : List.of(Operator.NOT_IN, Operator.IN)) {
			if (word(operator.symbol())) {
				return new Requirement(key, operator, set());
			}
		}
		throw error("an operator (=, ==, !=, in, notin, >, >=, <, <=) or ',' after key '" + key + "'");
	}

	private boolean word(String word) {
		int end = this.position + word.length();
		if (!this.text.startsWith(word, this.position)) {
			return false;
		}
		if (end < this.text.length() && !Character.isWhitespace(this.text.charAt(end))
				&& this.text.charAt(end) != '(') {
			return false;
		}
		this.position = end;
		return true;
	}

	private List<String> set() {
		skipBlanks();
		expect('(', "'(' to open the set of values");
		List<String> values = new ArrayList<>();
		while (true) {
			skipBlanks();
			String value = value();
			if (value.isEmpty()) {
				throw error("a value in the set");
			}
			values.add(value);
			skipBlanks();
			if (peek(')')) {
				this.position++;
				return values;
			}
			expect(',', "',' or ')' in the set of values");
		}
	}

	private String key() {
		int start = this.position;
		while (!atEnd() && isKeyChar(this.text.charAt(this.position))) {
			this.position++;
		}
		String key = this.text.substring(start, this.position);
		if (key.isEmpty()) {
			throw error("a label key or facts.NAME");
		}
		if (key.startsWith(Requirement.FACT_PREFIX)) {
			String name = key.substring(Requirement.FACT_PREFIX.length());
			if (!FACT_NAME.matcher(name).matches()) {
				throw new InvalidSelectorException("fact '" + key + "': the name must be 1 to 63 alphanumerics, "
						+ "'-', '_' or '.', starting with an alphanumeric or '_'");
			}
		}
		else {
			LabelSyntax.requireKey(key);
		}
		return key;
	}

	private String value() {
		int start = this.position;
		while (!atEnd() && isValueChar(this.text.charAt(this.position))) {
			this.position++;
		}
		String value = this.text.substring(start, this.position);
		if (value.length() > MAX_VALUE) {
			throw new InvalidSelectorException("value '" + value + "' is longer than " + MAX_VALUE + " characters");
		}
		return value;
	}

	private static boolean isKeyChar(char c) {
		return Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' || c == '/';
	}

	private static boolean isValueChar(char c) {
		return Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' || c == '/' || c == ':'
				|| c == '+' || c == '@';
	}

	private void expect(char c, String what) {
		if (!peek(c)) {
			throw error(what);
		}
		this.position++;
	}

	private boolean peek(char c) {
		return !atEnd() && this.text.charAt(this.position) == c;
	}

	private boolean atEnd() {
		return this.position >= this.text.length();
	}

	private void skipBlanks() {
		while (!atEnd() && Character.isWhitespace(this.text.charAt(this.position))) {
			this.position++;
		}
	}

	private InvalidSelectorException error(String expected) {
		String found = atEnd() ? "the end" : "'" + this.text.charAt(this.position) + "'";
		return new InvalidSelectorException("selector '" + this.text + "': expected " + expected + " at column "
				+ (this.position + 1) + ", found " + found);
	}

}
