package io.octoplane.protocol.selector;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kubernetes' label syntax. A key is an optional DNS subdomain prefix (at most 253
 * characters) and a slash, then a name of at most 63 characters: alphanumerics,
 * {@code -}, {@code _} and {@code .}, starting and ending with an alphanumeric. A value
 * is empty or follows the rules of a name.
 */
public final class LabelSyntax {

	/** The longest label name (the part after a prefix) and the longest value. */
	public static final int MAX_NAME = 63;

	/** The longest key prefix. */
	public static final int MAX_PREFIX = 253;

	/** The most labels one node may carry. */
	public static final int MAX_LABELS = 64;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

	private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

	private LabelSyntax() {
	}

	/**
	 * Checks a label key.
	 * @param key the key, for example {@code site} or {@code example.com/rack}
	 * @throws InvalidSelectorException naming the rule the key breaks
	 */
	public static void requireKey(String key) {
		if (key.isEmpty()) {
			throw new InvalidSelectorException("label key must not be empty");
		}
		String name = key;
		int slash = key.indexOf('/');
		if (slash >= 0) {
			String prefix = key.substring(0, slash);
			name = key.substring(slash + 1);
			requirePrefix(key, prefix);
		}
		if (name.isEmpty()) {
			throw new InvalidSelectorException("label key '" + key + "' has an empty name after its prefix");
		}
		if (name.length() > MAX_NAME) {
			throw new InvalidSelectorException(
					"label key '" + key + "': the name must be at most " + MAX_NAME + " characters");
		}
		if (!NAME.matcher(name).matches()) {
			throw new InvalidSelectorException("label key '" + key + "': the name must consist of alphanumerics, "
					+ "'-', '_' or '.', and start and end with an alphanumeric");
		}
	}

	/**
	 * Checks a label value.
	 * @param key the key it belongs to, for the message
	 * @param value the value; may be empty
	 * @throws InvalidSelectorException naming the rule the value breaks
	 */
	public static void requireValue(String key, String value) {
		if (value.isEmpty()) {
			return;
		}
		if (value.length() > MAX_NAME) {
			throw new InvalidSelectorException(
					"label " + key + ": value '" + value + "' must be at most " + MAX_NAME + " characters");
		}
		if (!NAME.matcher(value).matches()) {
			throw new InvalidSelectorException("label " + key + ": value '" + value + "' must be empty or consist "
					+ "of alphanumerics, '-', '_' or '.', and start and end with an alphanumeric");
		}
	}

	/**
	 * Checks a whole label set.
	 * @param labels the labels
	 * @throws InvalidSelectorException for the first bad key or value, or too many labels
	 */
	public static void requireLabels(Map<String, String> labels) {
		if (labels.size() > MAX_LABELS) {
			throw new InvalidSelectorException(
					"a node carries at most " + MAX_LABELS + " labels, got " + labels.size());
		}
		labels.forEach((key, value) -> {
			requireKey(key);
			requireValue(key, value);
		});
	}

	private static void requirePrefix(String key, String prefix) {
		if (prefix.isEmpty() || prefix.length() > MAX_PREFIX) {
			throw new InvalidSelectorException(
					"label key '" + key + "': the prefix must be 1 to " + MAX_PREFIX + " characters");
		}
		for (String part : prefix.split("\\.", -1)) {
			if (part.length() > MAX_NAME || !DNS_LABEL.matcher(part).matches()) {
				throw new InvalidSelectorException("label key '" + key
						+ "': the prefix must be a DNS subdomain (lower-case alphanumerics and '-', dot-separated)");
			}
		}
	}

}
