package io.octoplane.octl;

/**
 * Ends a command with an {@link ExitStatus} and a message for standard error, without a
 * stack trace unless {@code -x} is given.
 */
public class ExitException extends RuntimeException {

	private final int status;

	/**
	 * Creates the exception.
	 * @param status the exit status, one of {@link ExitStatus}
	 * @param message what went wrong, for the operator
	 */
	public ExitException(int status, String message) {
		super(message);
		this.status = status;
	}

	/**
	 * Creates the exception.
	 * @param status the exit status, one of {@link ExitStatus}
	 * @param message what went wrong, for the operator
	 * @param cause the underlying failure, shown with {@code -x}
	 */
	public ExitException(int status, String message, Throwable cause) {
		super(message, cause);
		this.status = status;
	}

	/** The exit status octl ends with. */
	public int status() {
		return this.status;
	}

}
