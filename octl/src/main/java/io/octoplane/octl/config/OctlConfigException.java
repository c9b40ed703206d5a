package io.octoplane.octl.config;

/**
 * The octl configuration is missing or invalid. The message says which file, what is
 * wrong and how to fix it; octl exits with status 2 (invalid input).
 */
public class OctlConfigException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what is wrong and how to fix it
	 */
	public OctlConfigException(String message) {
		super(message);
	}

	/**
	 * Creates the exception.
	 * @param message what is wrong and how to fix it
	 * @param cause the underlying failure
	 */
	public OctlConfigException(String message, Throwable cause) {
		super(message, cause);
	}

}
