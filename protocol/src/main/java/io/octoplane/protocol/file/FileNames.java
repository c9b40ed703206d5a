package io.octoplane.protocol.file;

import java.util.regex.Pattern;

/**
 * The one rule for names a transfer creates: a single path segment, never {@code .} or
 * {@code ..}, no separator and no control character. Checked by the brain on requests and
 * again by the node, which must not trust the wire.
 */
public final class FileNames {

	private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

	private FileNames() {
	}

	/**
	 * Checks a name.
	 * @param name the name
	 * @return the name
	 * @throws IllegalArgumentException if it is not a plain, single segment
	 */
	public static String requireSegment(String name) {
		if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
				|| name.indexOf('\\') >= 0 || name.length() > 255 || name.chars().anyMatch((c) -> c < 0x20)) {
			throw new IllegalArgumentException("'" + name + "' is not a plain file name");
		}
		return name;
	}

	/**
	 * Whether a text is a lower-case hex SHA-256.
	 * @param text the text
	 * @return whether it is 64 hex digits
	 */
	public static boolean isSha256(String text) {
		return HEX_SHA256.matcher(text).matches();
	}

}
