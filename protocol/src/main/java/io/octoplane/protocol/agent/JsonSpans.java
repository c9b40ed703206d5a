package io.octoplane.protocol.agent;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One JSON object read strictly into the spans of its members, for {@link HotFrames} and
 * for the tentacle's own files that embed a frame (its command journal). Only a narrow,
 * plain subset of JSON is recognised: ASCII member names without escapes, numbers as the
 * JSON grammar writes them and no longer than {@value #LONGEST_NUMBER} characters,
 * strings that decode without doubt, nesting a few levels deep, each member name once.
 * Anything else, valid or not, throws {@link NotRecognised}, and the caller hands the
 * frame to Jackson, which decides; so whatever is read here is read as Jackson would read
 * it.
 */
public final class JsonSpans {

	/** Longer numbers are left to Jackson, which knows their limits. */
	static final int LONGEST_NUMBER = 32;

	private static final int MOST_MEMBERS = 32;

	private static final int DEEPEST = 8;

	private final byte[] source;

	/** Per member: name start, name end, value start, value end. */
	private final int[] spans;

	private final int count;

	private JsonSpans(byte[] source, int[] spans, int count) {
		this.source = source;
		this.spans = spans;
		this.count = count;
	}

	/**
	 * Reads a document that is one object, with nothing but whitespace around it.
	 * @param source the bytes
	 * @param from where the document starts
	 * @param to where it ends, exclusive
	 * @return the object's members
	 * @throws NotRecognised if the document is not plainly such an object
	 */
	public static JsonSpans document(byte[] source, int from, int to) {
		Scanner scanner = new Scanner(source, from, to);
		scanner.whitespace();
		JsonSpans object = scanner.object();
		scanner.whitespace();
		if (scanner.pos != to) {
			throw NotRecognised.INSTANCE;
		}
		return object;
	}

	/**
	 * Finds a member.
	 * @param name its name, ASCII
	 * @return its index, or -1 when absent
	 */
	int find(byte[] name) {
		int found = -1;
		for (int member = 0; member < this.count; member++) {
			int start = this.spans[member * 4];
			int end = this.spans[member * 4 + 1];
			if (end - start == name.length && equal(start, name)) {
				if (found >= 0) {
					// Which of two values Jackson keeps is its business.
					throw NotRecognised.INSTANCE;
				}
				found = member;
			}
		}
		return found;
	}

	private boolean equal(int start, byte[] name) {
		for (int i = 0; i < name.length; i++) {
			if (this.source[start + i] != name[i]) {
				return false;
			}
		}
		return true;
	}

	/** Whether a member is there and not null. */
	boolean hasValue(byte[] name) {
		int member = find(name);
		return member >= 0 && !isNull(member);
	}

	/**
	 * Whether a member's value is the string given.
	 * @param member the member's index
	 * @param text ASCII without characters that need escaping
	 */
	boolean isString(int member, byte[] text) {
		int start = valueStart(member);
		int end = valueEnd(member);
		return end - start == text.length + 2 && this.source[start] == '"' && equal(start + 1, text);
	}

	/** A {@code long} member: 0 when absent or null, like Jackson with these settings. */
	long longValue(byte[] name) {
		int member = find(name);
		if (member < 0 || isNull(member)) {
			return 0;
		}
		return integer(member);
	}

	/** An {@code int} member: 0 when absent or null. */
	int intValue(byte[] name) {
		long value = longValue(name);
		if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
			throw NotRecognised.INSTANCE;
		}
		return (int) value;
	}

	/** A {@code double} member: 0 when absent or null. */
	double doubleValue(byte[] name) {
		int member = find(name);
		if (member < 0 || isNull(member)) {
			return 0;
		}
		int start = valueStart(member);
		int end = valueEnd(member);
		if (!isNumber(this.source[start])) {
			throw NotRecognised.INSTANCE;
		}
		if (isInteger(start, end)) {
			// Jackson reads an integer token as an integer first: "-0" is 0.0.
			return integer(member);
		}
		return Double.parseDouble(new String(this.source, start, end - start, StandardCharsets.ISO_8859_1));
	}

	/** A {@code boolean} member: false when absent or null. */
	boolean booleanValue(byte[] name) {
		int member = find(name);
		if (member < 0 || isNull(member)) {
			return false;
		}
		byte first = this.source[valueStart(member)];
		if (first == 't') {
			return true;
		}
		if (first == 'f') {
			return false;
		}
		throw NotRecognised.INSTANCE;
	}

	/**
	 * A {@code long} member that must be there.
	 * @param name its name, ASCII
	 * @return its value
	 * @throws NotRecognised if it is absent, null or not a plain integer
	 */
	public long requiredLong(byte[] name) {
		int member = find(name);
		if (member < 0 || isNull(member)) {
			throw NotRecognised.INSTANCE;
		}
		return integer(member);
	}

	/**
	 * A {@code Long} member.
	 * @param name its name, ASCII
	 * @return its value, or {@code null} when absent or null
	 * @throws NotRecognised if it is not a plain integer
	 */
	public @Nullable Long nullableLong(byte[] name) {
		int member = find(name);
		if (member < 0 || isNull(member)) {
			return null;
		}
		return integer(member);
	}

	/**
	 * A member holding a command result as its frame's JSON, {@code type} included.
	 * @param name its name, ASCII
	 * @return the result, or {@code null} when absent or null
	 * @throws NotRecognised if it is not such a result in plain form, with every member
	 * there
	 */
	public @Nullable CommandResult commandResult(byte[] name) {
		int member = find(name);
		if (member < 0 || isNull(member)) {
			return null;
		}
		int start = valueStart(member);
		if (this.source[start] != '{') {
			throw NotRecognised.INSTANCE;
		}
		return HotTentacleFrames.storedResult(this.source, start, valueEnd(member));
	}

	/**
	 * A string member.
	 * @param name its name, ASCII
	 * @return its value, or {@code null} when absent or null
	 * @throws NotRecognised if it is not a plain string
	 */
	public @Nullable String stringValue(byte[] name) {
		int member = member(name, '"');
		return (member >= 0) ? Strings.decode(this.source, valueStart(member) + 1, valueEnd(member) - 1) : null;
	}

	/**
	 * An array of strings: {@code null} when absent or null.
	 * @throws NotRecognised if it is another value, or holds anything but strings
	 */
	@Nullable List<String> stringArray(byte[] name) {
		int member = member(name, '[');
		return (member >= 0) ? new Scanner(this.source, valueStart(member), valueEnd(member)).strings() : null;
	}

	/** An object member: {@code null} when absent or null. */
	@Nullable JsonSpans objectValue(byte[] name) {
		int member = member(name, '{');
		return (member >= 0) ? new Scanner(this.source, valueStart(member), valueEnd(member)).object() : null;
	}

	/**
	 * Finds a member whose value opens with the given byte.
	 * @return its index, or -1 when absent or null
	 * @throws NotRecognised if its value is of another kind
	 */
	private int member(byte[] name, char opening) {
		int member = find(name);
		if (member < 0 || isNull(member)) {
			return -1;
		}
		if (this.source[valueStart(member)] != opening) {
			throw NotRecognised.INSTANCE;
		}
		return member;
	}

	private long integer(int member) {
		int start = valueStart(member);
		int end = valueEnd(member);
		boolean negative = this.source[start] == '-';
		int digits = negative ? start + 1 : start;
		// Eighteen digits cannot overflow; longer ones, fractions and exponents,
		// which Jackson may coerce or refuse, are left to it.
		if (end - digits > 18 || digits == end) {
			throw NotRecognised.INSTANCE;
		}
		long value = 0;
		for (int i = digits; i < end; i++) {
			byte digit = this.source[i];
			if (digit < '0' || digit > '9') {
				throw NotRecognised.INSTANCE;
			}
			value = value * 10 + (digit - '0');
		}
		return negative ? -value : value;
	}

	private boolean isNull(int member) {
		return this.source[valueStart(member)] == 'n';
	}

	private int valueStart(int member) {
		return this.spans[member * 4 + 2];
	}

	private int valueEnd(int member) {
		return this.spans[member * 4 + 3];
	}

	private boolean isInteger(int start, int end) {
		for (int i = start; i < end; i++) {
			byte b = this.source[i];
			if (b == '.' || b == 'e' || b == 'E') {
				return false;
			}
		}
		return true;
	}

	private static boolean isNumber(byte first) {
		return first == '-' || (first >= '0' && first <= '9');
	}

	/**
	 * Thrown where the subset ends, by {@link JsonSpans} and {@link JsonOut}: the caller
	 * lets Jackson read or write the whole document instead. It carries no stack, as it
	 * is control flow.
	 */
	public static final class NotRecognised extends RuntimeException {

		static final NotRecognised INSTANCE = new NotRecognised();

		private NotRecognised() {
			super("not recognised by the fast path", null, false, false);
		}

	}

	/** JSON string bodies: checked while scanning, decoded on demand. */
	static final class Strings {

		private Strings() {
		}

		/**
		 * Decodes a string body that {@link Scanner#string} accepted.
		 * @param source the bytes
		 * @param from after the opening quote
		 * @param to at the closing quote
		 * @return the text
		 */
		static String decode(byte[] source, int from, int to) {
			boolean plain = true;
			for (int i = from; i < to; i++) {
				if (source[i] < 0x20 || source[i] == '\\') {
					// Negative bytes are UTF-8 sequences.
					plain = false;
					break;
				}
			}
			if (plain) {
				return new String(source, from, to - from, StandardCharsets.ISO_8859_1);
			}
			StringBuilder text = new StringBuilder(to - from);
			int run = from;
			int i = from;
			while (i < to) {
				if (source[i] != '\\') {
					i++;
					continue;
				}
				utf8(source, run, i, text);
				byte escape = source[i + 1];
				switch (escape) {
					case 'u' -> {
						text.append(
								(char) Integer.parseInt(new String(source, i + 2, 4, StandardCharsets.ISO_8859_1), 16));
						i += 6;
					}
					case 'n' -> {
						text.append('\n');
						i += 2;
					}
					case 't' -> {
						text.append('\t');
						i += 2;
					}
					case 'r' -> {
						text.append('\r');
						i += 2;
					}
					case 'b' -> {
						text.append('\b');
						i += 2;
					}
					case 'f' -> {
						text.append('\f');
						i += 2;
					}
					default -> {
						// '"', '\\' and '/' stand for themselves.
						text.append((char) escape);
						i += 2;
					}
				}
				run = i;
			}
			utf8(source, run, to, text);
			return text.toString();
		}

		private static void utf8(byte[] source, int from, int to, StringBuilder text) {
			if (from == to) {
				return;
			}
			try {
				// Strict: Jackson refuses some malformed sequences that a lenient
				// decoder would replace; those go to Jackson.
				CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(source, from, to - from));
				text.append(chars);
			}
			catch (CharacterCodingException ex) {
				throw NotRecognised.INSTANCE;
			}
		}

	}

	/**
	 * Reads the subset, collecting the members of the outermost object it is asked for.
	 */
	private static final class Scanner {

		private final byte[] source;

		private final int end;

		private int pos;

		private int depth;

		Scanner(byte[] source, int from, int to) {
			this.source = source;
			this.pos = from;
			this.end = to;
		}

		JsonSpans object() {
			int[] spans = new int[8 * 4];
			int count = 0;
			expect('{');
			whitespace();
			if (peek() == '}') {
				this.pos++;
				return new JsonSpans(this.source, spans, 0);
			}
			while (true) {
				if (count == MOST_MEMBERS) {
					throw NotRecognised.INSTANCE;
				}
				if (count * 4 == spans.length) {
					spans = java.util.Arrays.copyOf(spans, spans.length * 2);
				}
				expect('"');
				spans[count * 4] = this.pos;
				name();
				spans[count * 4 + 1] = this.pos;
				this.pos++;
				whitespace();
				expect(':');
				whitespace();
				spans[count * 4 + 2] = this.pos;
				value();
				spans[count * 4 + 3] = this.pos;
				count++;
				whitespace();
				byte next = next();
				if (next == '}') {
					return new JsonSpans(this.source, spans, count);
				}
				if (next != ',') {
					throw NotRecognised.INSTANCE;
				}
				whitespace();
			}
		}

		/** An array whose elements are all strings, decoded. */
		List<String> strings() {
			List<String> texts = new ArrayList<>();
			expect('[');
			whitespace();
			if (peek() == ']') {
				this.pos++;
				return texts;
			}
			while (true) {
				int body = this.pos + 1;
				if (peek() != '"') {
					throw NotRecognised.INSTANCE;
				}
				string();
				texts.add(Strings.decode(this.source, body, this.pos - 1));
				whitespace();
				byte next = next();
				if (next == ']') {
					return texts;
				}
				if (next != ',') {
					throw NotRecognised.INSTANCE;
				}
				whitespace();
			}
		}

		/** A member name: printable ASCII, no escapes; stops at the closing quote. */
		private void name() {
			while (true) {
				byte b = peek();
				if (b == '"') {
					return;
				}
				if (b < 0x20 || b == '\\' || b == 0x7f) {
					throw NotRecognised.INSTANCE;
				}
				this.pos++;
			}
		}

		private void value() {
			byte first = peek();
			switch (first) {
				case '"' -> string();
				case '{' -> nested(() -> object());
				case '[' -> nested(this::array);
				case 't' -> literal("true");
				case 'f' -> literal("false");
				case 'n' -> literal("null");
				default -> number();
			}
		}

		private void nested(Runnable body) {
			if (++this.depth > DEEPEST) {
				throw NotRecognised.INSTANCE;
			}
			body.run();
			this.depth--;
		}

		private void array() {
			expect('[');
			whitespace();
			if (peek() == ']') {
				this.pos++;
				return;
			}
			while (true) {
				value();
				whitespace();
				byte next = next();
				if (next == ']') {
					return;
				}
				if (next != ',') {
					throw NotRecognised.INSTANCE;
				}
				whitespace();
			}
		}

		/** A string; its body is decoded later, only if it is wanted. */
		private void string() {
			expect('"');
			int body = this.pos;
			boolean ascii = true;
			while (true) {
				byte b = next();
				if (b == '"') {
					if (!ascii) {
						// Jackson checks the UTF-8 of strings it skips, too.
						Strings.decode(this.source, body, this.pos - 1);
					}
					return;
				}
				if (b < 0) {
					ascii = false;
				}
				if (b >= 0 && b < 0x20) {
					// Raw control characters are not JSON.
					throw NotRecognised.INSTANCE;
				}
				if (b == '\\') {
					escape();
				}
			}
		}

		private void escape() {
			byte kind = next();
			switch (kind) {
				case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
				}
				case 'u' -> {
					for (int i = 0; i < 4; i++) {
						byte hex = next();
						if (!((hex >= '0' && hex <= '9') || (hex >= 'a' && hex <= 'f') || (hex >= 'A' && hex <= 'F'))) {
							throw NotRecognised.INSTANCE;
						}
					}
				}
				default -> throw NotRecognised.INSTANCE;
			}
		}

		private void literal(String word) {
			for (int i = 0; i < word.length(); i++) {
				if (next() != word.charAt(i)) {
					throw NotRecognised.INSTANCE;
				}
			}
			delimiter();
		}

		/**
		 * A number as the JSON grammar has it:
		 * -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
		 */
		private void number() {
			int start = this.pos;
			if (peek() == '-') {
				this.pos++;
			}
			byte first = next();
			if (first == '0') {
				// No leading zeros.
			}
			else if (first >= '1' && first <= '9') {
				digits();
			}
			else {
				throw NotRecognised.INSTANCE;
			}
			if (this.pos < this.end && this.source[this.pos] == '.') {
				this.pos++;
				atLeastOneDigit();
			}
			if (this.pos < this.end && (this.source[this.pos] == 'e' || this.source[this.pos] == 'E')) {
				this.pos++;
				if (peek() == '+' || peek() == '-') {
					this.pos++;
				}
				atLeastOneDigit();
			}
			if (this.pos - start > LONGEST_NUMBER) {
				throw NotRecognised.INSTANCE;
			}
			delimiter();
		}

		private void atLeastOneDigit() {
			byte digit = next();
			if (digit < '0' || digit > '9') {
				throw NotRecognised.INSTANCE;
			}
			digits();
		}

		private void digits() {
			while (this.pos < this.end && this.source[this.pos] >= '0' && this.source[this.pos] <= '9') {
				this.pos++;
			}
		}

		/** What may follow a number or literal: whitespace, a separator or a close. */
		private void delimiter() {
			byte b = peek();
			if (b != ',' && b != '}' && b != ']' && !isWhitespace(b)) {
				throw NotRecognised.INSTANCE;
			}
		}

		void whitespace() {
			while (this.pos < this.end && isWhitespace(this.source[this.pos])) {
				this.pos++;
			}
		}

		private static boolean isWhitespace(byte b) {
			return b == ' ' || b == '\n' || b == '\r' || b == '\t';
		}

		private void expect(char wanted) {
			if (next() != wanted) {
				throw NotRecognised.INSTANCE;
			}
		}

		private byte peek() {
			if (this.pos >= this.end) {
				throw NotRecognised.INSTANCE;
			}
			return this.source[this.pos];
		}

		private byte next() {
			byte b = peek();
			this.pos++;
			return b;
		}

	}

}
