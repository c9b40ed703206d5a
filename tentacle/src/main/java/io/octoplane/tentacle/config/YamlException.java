package io.octoplane.tentacle.config;

/**
 * The text is not YAML of the subset {@link YamlSubset} reads; the message says why and
 * {@link #line()} where.
 */
final class YamlException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int line;

	YamlException(int line, String message) {
		super(message);
		this.line = line;
	}

	int line() {
		return this.line;
	}

}
