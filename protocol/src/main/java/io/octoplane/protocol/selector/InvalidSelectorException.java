package io.octoplane.protocol.selector;

/**
 * A selector, label or label change that does not follow the syntax. The message names
 * the offending text and what was expected, so octl and the brain show it as it is.
 */
public class InvalidSelectorException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what is wrong and what was expected
	 */
	public InvalidSelectorException(String message) {
		super(message);
	}

}
