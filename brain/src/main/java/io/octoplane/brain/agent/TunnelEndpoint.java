package io.octoplane.brain.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.octoplane.protocol.agent.TunnelAttach;

/**
 * Serves the data connection of a tunnel: a tentacle dialled the agent port with its node
 * certificate and opened with {@link TunnelAttach}. Like file transfers it shares the
 * agent port and its checks; unlike them it may stay silent for as long as the operator's
 * session lasts, so it has no read timeout.
 */
public interface TunnelEndpoint {

	/**
	 * Joins the connection to the tunnel waiting for it; returns when the tunnel is over,
	 * then the connection closes.
	 * @param nodeName the node, from its certificate
	 * @param attach the first frame
	 * @param link the connection's raw bytes
	 * @throws IOException if the connection fails
	 */
	void attach(String nodeName, TunnelAttach attach, Link link) throws IOException;

	/** The raw byte streams of a tunnel's data connection. */
	interface Link {

		/** The bytes from the node. */
		InputStream in() throws IOException;

		/** The bytes to the node. */
		OutputStream out() throws IOException;

		/**
		 * Ends the direction to the node (TLS 1.3 close_notify) while reading goes on.
		 * @throws IOException if the connection is broken
		 */
		void shutdownOutput() throws IOException;

		/** Closes the connection at once, both ways. */
		void close();

		/**
		 * Resets the connection, so the node reads an error rather than a clean end: the
		 * tunnel broke, and the service must not take a cut stream for a whole one.
		 */
		void abort();

	}

}
