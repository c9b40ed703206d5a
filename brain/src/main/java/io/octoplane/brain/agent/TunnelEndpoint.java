package io.octoplane.brain.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

import jdk.net.ExtendedSocketOptions;

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

	/**
	 * Turns on TCP keepalive with probes after a minute of silence where the platform
	 * allows it, so a tunnel whose peer vanished (a NAT that forgot it, a cut link) ends
	 * within minutes instead of holding its threads for ever.
	 * @param socket the tunnel's connection
	 */
	static void keepAlive(Socket socket) {
		try {
			socket.setKeepAlive(true);
			if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
				socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 60);
				socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 10);
				socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 6);
			}
		}
		catch (IOException ex) {
			// Without keepalive the tunnel still ends when either side closes.
		}
	}

}
