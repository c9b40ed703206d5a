package io.octoplane.brain.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.octoplane.protocol.agent.DataOpen;
import io.octoplane.protocol.agent.FrameCodec;

/**
 * Serves a data connection: a tentacle dialled the agent port with its node certificate
 * and opened with {@link DataOpen} instead of Hello. The data connection shares the port,
 * the TLS setup, the revocation check and the connection limits of control connections,
 * so there is one port to open through firewalls and one balancer rule, yet the bytes
 * flow on their own TCP connection and never delay a heartbeat.
 */
public interface DataConnectionHandler {

	/**
	 * Moves the bytes of one transfer; returns when done, then the connection closes.
	 * @param nodeName the node, from its certificate
	 * @param open the first frame
	 * @param in the connection's input
	 * @param out the connection's output
	 * @param codec the frame codec for the replies
	 * @throws DataRefusedException if the token is unknown, used, or not this node's; the
	 * tentacle is told why
	 * @throws IOException if the connection fails
	 */
	void serve(String nodeName, DataOpen open, InputStream in, OutputStream out, FrameCodec codec) throws IOException;

	/** The transfer is refused; the message goes to the tentacle. */
	final class DataRefusedException extends IOException {

		/**
		 * Creates the exception.
		 * @param message why, for the tentacle's result
		 */
		public DataRefusedException(String message) {
			super(message);
		}

	}

}
