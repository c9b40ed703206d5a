package io.octoplane.protocol.agent;

/** A frame exceeds the configured size limit; it is neither sent nor buffered. */
public class FrameTooLargeException extends ProtocolException {

	public FrameTooLargeException(int length, int limit) {
		super("frame of " + length + " bytes exceeds the limit of " + limit + " bytes");
	}

}
