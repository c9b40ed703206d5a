package io.octoplane.tentacle.enroll;

/**
 * Enrollment failed. The message is one line for the operator and never contains the join
 * token.
 */
public class EnrollmentException extends Exception {

	private final boolean unreachable;

	/**
	 * Creates the exception.
	 * @param message one line saying what failed and what to do
	 * @param unreachable whether the brain API could not be reached (worth another try
	 * later) rather than refused the request (not worth it)
	 */
	public EnrollmentException(String message, boolean unreachable) {
		super(message);
		this.unreachable = unreachable;
	}

	/**
	 * Whether the brain API could not be reached; {@code false} means it refused, or
	 * answered with something unusable.
	 */
	public boolean unreachable() {
		return this.unreachable;
	}

}
