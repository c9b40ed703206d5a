package io.octoplane.protocol.agent;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Writes JSON byte for byte as Jackson writes it with the codec's settings, for
 * {@link HotFrames} and for the tentacle's own files that embed a frame (its command
 * journal): members in the record's order, integers in decimal, doubles as
 * {@link Double#toString(double)} does, strings with Jackson's escapes. What it cannot
 * write exactly (a non-finite double, a string with a surrogate) throws
 * {@link JsonSpans.NotRecognised}, and the caller lets Jackson write the whole message.
 */
public final class JsonOut {

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

	private byte[] bytes;

	private int length;

	/**
	 * Starts a buffer.
	 * @param reserved bytes left at the start for the caller (a frame's header)
	 * @param capacity the expected size
	 */
	public JsonOut(int reserved, int capacity) {
		this.bytes = new byte[Math.max(reserved + 16, capacity)];
		this.length = reserved;
	}

	/**
	 * Appends bytes that are JSON already (names, punctuation).
	 * @param json the bytes
	 * @return this
	 */
	public JsonOut raw(byte[] json) {
		ensure(json.length);
		System.arraycopy(json, 0, this.bytes, this.length, json.length);
		this.length += json.length;
		return this;
	}

	/**
	 * Appends an integer.
	 * @param value the integer
	 * @return this
	 */
	public JsonOut number(long value) {
		ensure(20);
		if (value == Long.MIN_VALUE) {
			return raw(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
		}
		long rest = value;
		if (rest < 0) {
			this.bytes[this.length++] = '-';
			rest = -rest;
		}
		int digits = 1;
		for (long bound = 10; digits < 19 && rest >= bound; bound *= 10) {
			digits++;
		}
		int at = this.length + digits;
		this.length = at;
		do {
			this.bytes[--at] = (byte) ('0' + (rest % 10));
			rest /= 10;
		}
		while (rest != 0);
		return this;
	}

	JsonOut number(double value) {
		if (!Double.isFinite(value)) {
			// Jackson writes these as strings; let it.
			throw JsonSpans.NotRecognised.INSTANCE;
		}
		return raw(Double.toString(value).getBytes(StandardCharsets.US_ASCII));
	}

	JsonOut bool(boolean value) {
		return raw(value ? TRUE : FALSE);
	}

	/**
	 * Appends a string, quoted and escaped.
	 * @param text the text
	 * @return this
	 * @throws JsonSpans.NotRecognised if it holds a character Jackson writes otherwise
	 */
	public JsonOut string(String text) {
		int count = text.length();
		ensure(count + 2);
		this.bytes[this.length++] = '"';
		for (int i = 0; i < count; i++) {
			char c = text.charAt(i);
			if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
				ensure(1);
				this.bytes[this.length++] = (byte) c;
			}
			else if (c < 0x80) {
				escape(c);
			}
			else if (Character.isSurrogate(c)) {
				throw JsonSpans.NotRecognised.INSTANCE;
			}
			else {
				ensure(3);
				if (c < 0x800) {
					this.bytes[this.length++] = (byte) (0xC0 | (c >> 6));
				}
				else {
					this.bytes[this.length++] = (byte) (0xE0 | (c >> 12));
					this.bytes[this.length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				}
				this.bytes[this.length++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		ensure(1);
		this.bytes[this.length++] = '"';
		return this;
	}

	/**
	 * Appends a command result as its frame's JSON, {@code type} included.
	 * @param result the result
	 * @return this
	 * @throws JsonSpans.NotRecognised if it holds a character Jackson writes otherwise
	 */
	public JsonOut commandResult(CommandResult result) {
		return HotTentacleFrames.commandResult(this, result);
	}

	/** Appends an array of strings, in the collection's order. */
	JsonOut strings(Collection<String> texts) {
		ensure(1);
		this.bytes[this.length++] = '[';
		boolean first = true;
		for (String text : texts) {
			if (!first) {
				ensure(1);
				this.bytes[this.length++] = ',';
			}
			first = false;
			string(text);
		}
		ensure(1);
		this.bytes[this.length++] = ']';
		return this;
	}

	/** Appends an object of string members, in the map's order. */
	JsonOut strings(Map<String, String> members) {
		ensure(1);
		this.bytes[this.length++] = '{';
		boolean first = true;
		for (Map.Entry<String, String> member : members.entrySet()) {
			if (!first) {
				ensure(1);
				this.bytes[this.length++] = ',';
			}
			first = false;
			string(member.getKey());
			ensure(1);
			this.bytes[this.length++] = ':';
			string(member.getValue());
		}
		ensure(1);
		this.bytes[this.length++] = '}';
		return this;
	}

	private void escape(char c) {
		ensure(6);
		this.bytes[this.length++] = '\\';
		switch (c) {
			case '"', '\\' -> this.bytes[this.length++] = (byte) c;
			case '\n' -> this.bytes[this.length++] = 'n';
			case '\r' -> this.bytes[this.length++] = 'r';
			case '\t' -> this.bytes[this.length++] = 't';
			case '\b' -> this.bytes[this.length++] = 'b';
			case '\f' -> this.bytes[this.length++] = 'f';
			default -> {
				this.bytes[this.length++] = 'u';
				this.bytes[this.length++] = '0';
				this.bytes[this.length++] = '0';
				this.bytes[this.length++] = HEX[c >> 4];
				this.bytes[this.length++] = HEX[c & 0xF];
			}
		}
	}

	/** The bytes written so far, reserved ones included. */
	int length() {
		return this.length;
	}

	/**
	 * The buffer, trimmed to what was written.
	 * @return the bytes, reserved ones included
	 */
	public byte[] toBytes() {
		return (this.length == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.length);
	}

	/** The buffer itself, for the caller to fill in what it reserved. */
	byte[] buffer() {
		return this.bytes;
	}

	private void ensure(int more) {
		if (this.length + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}
	}

}
