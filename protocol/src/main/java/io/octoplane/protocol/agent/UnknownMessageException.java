package io.octoplane.protocol.agent;

/**
 * A well-formed frame of a message type this side does not know: a newer peer's. The
 * frame has been read whole, so the connection stays in step and the reader may skip it;
 * an older tentacle keeps its connection when a newer brain offers something it cannot
 * do, and the brain reports the missing answer instead.
 */
public final class UnknownMessageException extends ProtocolException {

	/**
	 * Creates the exception.
	 * @param message what was not understood
	 * @param cause the parser's complaint
	 */
	public UnknownMessageException(String message, Throwable cause) {
		super(message, cause);
	}

}
