package io.octoplane.brain.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.octoplane.brain.agent.TunnelEndpoint.Link;
import io.octoplane.brain.peer.PeerConnection;

/**
 * One side of a tunnel that lives on another brain: the peer connection carries the
 * bytes, ends a direction with a half-close and breaks with a reset, as the node's own
 * data connection does, so the rest of the tunnel code cannot tell the two apart.
 */
final class PeerLink implements Link {

	private final PeerConnection connection;

	PeerLink(PeerConnection connection) {
		this.connection = connection;
		connection.streaming();
	}

	@Override
	public InputStream in() {
		return this.connection.in();
	}

	@Override
	public OutputStream out() {
		return this.connection.out();
	}

	@Override
	public void shutdownOutput() throws IOException {
		this.connection.shutdownOutput();
	}

	@Override
	public void close() {
		this.connection.close();
	}

	@Override
	public void abort() {
		this.connection.abort();
	}

}
