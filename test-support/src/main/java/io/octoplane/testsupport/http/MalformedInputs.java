package io.octoplane.testsupport.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Inputs no server may answer with a 5xx: malformed, hostile, huge, empty, or well-formed
 * but naming nothing that exists. Path and query values are written as they go on the
 * wire (already percent-encoded, or deliberately not).
 */
public final class MalformedInputs {

	/** A well-formed 40-hex id (a git commit, a version) that names nothing. */
	public static final String HEX40 = "0123456789abcdef0123456789abcdef01234567";

	/** A well-formed SHA-256 that names nothing. */
	public static final String HEX64 = "ab".repeat(32);

	/** Path segments. */
	public static final List<String> SEGMENTS = List.of("nope", HEX40, HEX64, "0123456789abcdef", "..", "%2e%2e", "%00",
			"%2F", "%2Fetc%2Fpasswd", "%5C", "%zz", "%", "%C3%A9t%C3%A9", "\u00e9t\u00e9", "%F0%9F%90%99",
			"a".repeat(4000), "", "%20", "-1", "99999999999999999999", "a;b", "%3B", "*", "%FF");

	/** Query values. */
	public static final List<String> QUERY_VALUES = List.of("abc", "-1", "0", "99999999999999999999", "", "%00",
			"a".repeat(4000), "..", HEX40, "%zz", "%C3%A9", "true", "%FF");

	/** Strings for JSON string members. */
	public static final List<String> STRINGS = List.of("", "..", "../../etc/passwd", "\u0000", "a/b", "a\\b", HEX40,
			HEX64, "\u00e9t\u00e9\ud83d\udc19", "a".repeat(100_000), " ", "-1", "nope", "/", "*");

	/** Numbers for JSON number members, as JSON text. */
	public static final List<String> NUMBERS = List.of("-1", "0", "9223372036854775807", "1e308",
			"99999999999999999999999", "1.5");

	private MalformedInputs() {
	}

	/** Bodies that are not the JSON an operation wants, whatever it wants. */
	public static List<byte[]> bodies() {
		return List.of(bytes(""), bytes("{"), bytes("[]"), bytes("\"x\""), bytes("null"), bytes("{}"), bytes("123"),
				bytes("[".repeat(5000)), bytes("{\"a\":\"" + "a".repeat(1_000_000) + "\"}"),
				new byte[] { '{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}' });
	}

	/** A JSON string literal. */
	public static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	public static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
