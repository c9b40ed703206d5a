package io.octoplane.protocol.agent;

import java.io.IOException;

/**
 * A peer sent something that is not a valid frame. The connection cannot be trusted to be
 * in sync any more and must be closed.
 */
public class ProtocolException extends IOException {

	public ProtocolException(String message) {
		super(message);
	}

	public ProtocolException(String message, Throwable cause) {
		super(message, cause);
	}

}
